/// Column positions (0-based) in the matrices of the MATPOWER case format, version 2, with the
/// names MATPOWER's `idx_bus`, `idx_gen` and `idx_brch` give them, so that code and messages use
/// the names a MATPOWER user knows.
public enum MatpowerColumns {
    /// `mpc.bus`: the 13 input columns.
    public enum Bus {
        public static let id = 0, type = 1, pd = 2, qd = 3, gs = 4, bs = 5, area = 6, vm = 7, va = 8
        public static let baseKV = 9, zone = 10, vmax = 11, vmin = 12
        public static let names = ["BUS_I", "BUS_TYPE", "PD", "QD", "GS", "BS", "BUS_AREA", "VM", "VA",
                                   "BASE_KV", "ZONE", "VMAX", "VMIN"]
    }

    /// `mpc.gen`: the 10 columns a power flow uses (MATPOWER writes 21, ACTIVSg cases 25).
    public enum Gen {
        public static let bus = 0, pg = 1, qg = 2, qmax = 3, qmin = 4, vg = 5, mBase = 6, status = 7
        public static let pmax = 8, pmin = 9
        public static let names = ["GEN_BUS", "PG", "QG", "QMAX", "QMIN", "VG", "MBASE", "GEN_STATUS",
                                   "PMAX", "PMIN"]
    }

    /// `mpc.branch`: the 11 columns a power flow uses (MATPOWER writes 13, ACTIVSg cases 21).
    public enum Branch {
        public static let from = 0, to = 1, r = 2, x = 3, b = 4, rateA = 5, rateB = 6, rateC = 7
        public static let ratio = 8, shift = 9, status = 10
        public static let names = ["F_BUS", "T_BUS", "BR_R", "BR_X", "BR_B", "RATE_A", "RATE_B", "RATE_C",
                                   "TAP", "SHIFT", "BR_STATUS"]
    }
}
