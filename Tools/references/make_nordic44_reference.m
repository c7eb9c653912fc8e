function status = make_nordic44_reference(rawfile, outfile, name, mpc)
%MAKE_NORDIC44_REFERENCE  MATPOWER's solution of a PSS/E RAW case, and its
%   mismatch at the stored voltages, as one JSON reference file.
%
%   status = make_nordic44_reference(rawfile, outfile)
%
%   rawfile  full path of the PSS/E RAW file (Nordic44: N44_BC.raw, rev 33)
%   outfile  JSON file to write (written to a temporary name, then renamed)
%
%   The case is converted by MATPOWER's own psse2mpc and solved by runpf
%   with the legacy core (NR, pf.tol 1e-8, start from the case). The JSON
%   has the shape of make_references.m's files plus:
%     "stored_mismatch": {"bus": [...], "p_mw": [...], "q_mvar": [...]}
%       the mismatch V.*conj(Ybus*V) - Sbus in MW/MVAr at the RAW file's
%       own voltages V = VM.*exp(1j*VA) (before any solve), per bus in the
%       order of "bus", with Ybus and Sbus made by makeYbus and makeSbus
%       (in-service generators' PG + jQG minus loads, as runpf sees them);
%     "psse2mpc_warnings": the warnings psse2mpc returned.
%   name     the case name written to the JSON and the log (default 'nordic44')
%   mpc      (optional) the case to solve instead of psse2mpc's conversion of
%            rawfile (make_raw_reference passes a modified conversion)
%   Returns 0, or 3 when runpf did not converge (the file is still written).
%   Called by Tools/references/make-nordic44-reference and, for the other
%   public RAW files, by Tools/references/make-raw-references.

[PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS, BUS_AREA, VM, VA] = idx_bus;
[GEN_BUS, PG, QG, QMAX, QMIN, VG, MBASE, GEN_STATUS] = idx_gen;
[F_BUS, T_BUS, BR_R, BR_X, BR_B, RATE_A, RATE_B, RATE_C, TAP, SHIFT, ...
    BR_STATUS, PF, QF, PT, QT] = idx_brch;

if nargin < 3
    name = 'nordic44';
end
v = mpver('all');
tool = sprintf('GNU Octave %s', OCTAVE_VERSION);
[~, rawname, rawext] = fileparts(rawfile);

if nargin < 4
    [mpc, warns] = psse2mpc(rawfile, 0);
else
    warns = {};
end
fprintf(2, ['  [' name '] psse2mpc: %d buses, %d gens, %d branches, %d warnings\n'], ...
    size(mpc.bus, 1), size(mpc.gen, 1), size(mpc.branch, 1), numel(warns));

%% ---- mismatch at the stored state ----
%% Internal indexing drops isolated buses and out-of-service elements, as
%% runpf does; buses it drops get a mismatch of 0.
mpci = ext2int(mpc);
Ybus = makeYbus(mpci.baseMVA, mpci.bus, mpci.branch);
Sbus = makeSbus(mpci.baseMVA, mpci.bus, mpci.gen);
V = mpci.bus(:, VM) .* exp(1j * pi / 180 * mpci.bus(:, VA));
mis = (V .* conj(Ybus * V) - Sbus) * mpci.baseMVA;
nb = size(mpc.bus, 1);
pm = zeros(nb, 1); qm = zeros(nb, 1);
%% ext2int keeps the order of the buses it keeps: internal bus k is row
%% order.bus.status.on(k) of mpc.bus.
on = mpci.order.bus.status.on;
pm(on) = real(mis);
qm(on) = imag(mis);
fprintf(2, ['  [' name '] stored state: max |P mismatch| %.4f MW, max |Q mismatch| %.4f MVAr\n'], ...
    max(abs(pm)), max(abs(qm)));

%% ---- power flow ----
mpopt = mpoption('verbose', 0, 'out.all', 0, 'pf.tol', 1e-8, 'exp.use_legacy_core', 1, 'pf.alg', 'NR');
t1 = tic;
r = runpf(mpc, mpopt);
el = toc(t1);
ok = r.success ~= 0;

L = {};
L{end+1} = '{';
L{end+1} = sprintf('  "case": "%s",', name);
L{end+1} = '  "variant": "nr",';
if nargin < 4
    L{end+1} = sprintf('  "source": "MATPOWER %s psse2mpc + runpf, legacy core, %s, from %s%s",', v.Version, tool, rawname, rawext);
else
    L{end+1} = sprintf('  "source": "MATPOWER %s runpf, legacy core, %s, on a case made by the calling script (%s)",', v.Version, tool, name);
end
L{end+1} = sprintf('  "options": {"alg": "NR", "tol": %s, "max_it": %d, "enforce_q_lims": 0, "init": "case"},', ...
    num2str(mpopt.pf.tol, '%.17g'), mpopt.pf.nr.max_it);
L{end+1} = sprintf('  "converged": %s,', tf(ok));
L{end+1} = sprintf('  "iterations": %d,', r.iterations);
L{end+1} = sprintf('  "bus": {\n    "id": %s,\n    "type": %s,\n    "vm": %s,\n    "va_deg": %s\n  },', ...
    arr(r.bus(:, BUS_I)), arr(r.bus(:, BUS_TYPE)), arr(r.bus(:, VM)), arr(r.bus(:, VA)));
L{end+1} = sprintf('  "gen": {\n    "bus": %s,\n    "status": %s,\n    "pg": %s,\n    "qg": %s\n  },', ...
    arr(r.gen(:, GEN_BUS)), arr(r.gen(:, GEN_STATUS)), arr(r.gen(:, PG)), arr(r.gen(:, QG)));
L{end+1} = sprintf('  "stored_mismatch": {\n    "bus": %s,\n    "p_mw": %s,\n    "q_mvar": %s\n  },', ...
    arr(mpc.bus(:, BUS_I)), arr(pm), arr(qm));
ws = cellfun(@(s) ['"' strrep(strrep(strtrim(s), '\', '\\'), '"', '\"') '"'], warns, 'UniformOutput', false);
L{end+1} = sprintf('  "psse2mpc_warnings": [%s],', strjoin(ws, ', '));
br = r.branch;
L{end+1} = sprintf('  "branch": {\n    "from": %s,\n    "to": %s,\n    "status": %s,\n    "pf": %s,\n    "qf": %s,\n    "pt": %s,\n    "qt": %s\n  }', ...
    arr(br(:, F_BUS)), arr(br(:, T_BUS)), arr(br(:, BR_STATUS)), arr(br(:, PF)), arr(br(:, QF)), arr(br(:, PT)), arr(br(:, QT)));
L{end+1} = '}';

tmp = [outfile '.tmp'];
fd = fopen(tmp, 'w');
if fd < 0
    error('make_nordic44_reference: cannot write %s', tmp);
end
fputs(fd, strjoin(L, "\n"));
fputs(fd, "\n");
fclose(fd);
movefile(tmp, outfile);
fprintf(2, ['  [' name '] nr converged=%d iterations=%d solve=%.2fs -> %s\n'], ok, r.iterations, el, outfile);
status = 0;
if ~ok
    status = 3;
end
end

function s = tf(b)
if b, s = 'true'; else, s = 'false'; end
end

function s = arr(x)
%% JSON array of numbers, 15 significant digits (no non-finite values expected)
x = full(double(x(:)'));
if any(~isfinite(x))
    error('make_nordic44_reference: non-finite value in output');
end
if isempty(x)
    s = '[]';
    return;
end
s = sprintf('%.15g,', x);
s = ['[' s(1:end-1) ']'];
end
