function status = make_raw_reference(rawfile, outdir, name)
%MAKE_RAW_REFERENCE  MATPOWER's solutions of a public PSS/E RAW file for Kraft's
%   reader tests, in two variants.
%
%   status = make_raw_reference(rawfile, outdir, name)
%
%   <outdir>/nr.json: psse2mpc + runpf exactly as make_nordic44_reference makes
%     them (legacy core, NR, pf.tol 1e-8, start from the case).
%   <outdir>/nr_kraft_model.json (only when the file has two-terminal DC lines
%     or transformer magnetizing admittance): the same, after applying to
%     psse2mpc's conversion the two modelling differences Kraft states in its
%     README, so that every other part of the conversion is checked against
%     MATPOWER's:
%       - each dcline becomes fixed injections: PF MW drawn at its from bus,
%         injected at its to bus (Kraft's model) instead of MATPOWER's dcline;
%       - the magnetizing admittance MAG1 + jMAG2 (CM = 1, p.u. on the system
%         base) of each transformer is a shunt at its winding 1 bus, in service
%         with winding 1 (psse2mpc leaves it out). A file with CM = 2 stops
%         the script (not needed by the files used).
%   Returns 0, or 3 when a runpf did not converge. Called by
%   Tools/references/make-raw-references.

[PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS] = idx_bus;
c = idx_dcline;

status = make_nordic44_reference(rawfile, fullfile(outdir, 'nr.json'), name);

[mpc, warns] = psse2mpc(rawfile, 0);
changed = 0;
if isfield(mpc, 'dcline') && ~isempty(mpc.dcline)
    for k = 1:size(mpc.dcline, 1)
        f = find(mpc.bus(:, BUS_I) == mpc.dcline(k, c.F_BUS));
        t = find(mpc.bus(:, BUS_I) == mpc.dcline(k, c.T_BUS));
        p = mpc.dcline(k, c.PF) * (mpc.dcline(k, c.BR_STATUS) > 0);
        mpc.bus(f, PD) = mpc.bus(f, PD) + p;
        mpc.bus(t, PD) = mpc.bus(t, PD) - p;
    end
    mpc = rmfield(mpc, 'dcline');
    for f = {'if', 'userfcn'}, if isfield(mpc, f{1}), mpc = rmfield(mpc, f{1}); end, end
    changed = 1;
    fprintf(2, '  [%s] %d dclines made fixed injections\n', name, k);
end
mag = magnetizing(rawfile);
for k = 1:size(mag, 1)
    b = find(mpc.bus(:, BUS_I) == mag(k, 1));
    mpc.bus(b, GS) = mpc.bus(b, GS) + mag(k, 2) * mpc.baseMVA;
    mpc.bus(b, BS) = mpc.bus(b, BS) + mag(k, 3) * mpc.baseMVA;
    changed = 1;
end
if size(mag, 1)
    fprintf(2, '  [%s] %d magnetizing admittances added as shunts\n', name, size(mag, 1));
end
if changed
    st = make_nordic44_reference(rawfile, fullfile(outdir, 'nr_kraft_model.json'), name, mpc);
    status = max(status, st);
end
end

function mag = magnetizing(rawfile)
%% [bus, G, B] (p.u., system base) of every in-service winding 1 with MAG1/MAG2.
[records, sections] = psse_read(rawfile, 0);
mag = zeros(0, 3);
s = find(strcmpi({sections.name}, 'TRANSFORMER'));
if isempty(s), return; end
i = sections(s(1)).first;
while i <= sections(s(1)).last
    if ~isempty(regexp(records{i}, '^\s*@!', 'once'))
        i = i + 1;
        continue;
    end
    d = psse_parse_line(records{i}, 'dddsdddffdsd');
    three = ~isempty(d{3}) && d{3} ~= 0;
    cm = d{7}; m1 = d{8}; m2 = d{9}; st = d{12};
    if isempty(cm), cm = 1; end
    if isempty(m1), m1 = 0; end
    if isempty(m2), m2 = 0; end
    if isempty(st), st = 1; end
    if (m1 ~= 0 || m2 ~= 0)
        if cm ~= 1
            error('make_raw_reference: CM = %d at line %d is not handled', cm, i);
        end
        if st ~= 0 && st ~= 4
            mag(end+1, :) = [d{1} m1 m2];
        end
    end
    i = i + 4 + three;
end
end
