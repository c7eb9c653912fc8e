function status = make_sensitivity_references(casefile, outfile)
%MAKE_SENSITIVITY_REFERENCES  PTDF and LODF of one MATPOWER case, as JSON.
%
%   status = make_sensitivity_references(casefile, outfile)
%
%   Writes MATPOWER's makePTDF (single slack: the first reference bus;
%   distributed slack: weights per bus = Pmax of the in-service generators
%   there) and makeLODF for the case, on its internal (ext2int) ordering,
%   which for the cases used keeps the file's bus and branch order.
%   Bridges (branches whose outage splits the network) are found by taking
%   each branch out in turn and asking MATPOWER's find_islands; their LODF
%   columns are written as null. Called by make-sensitivity-references.

[PQ, PV, REF, NONE, BUS_I, BUS_TYPE] = idx_bus;
[GEN_BUS, PG, QG, QMAX, QMIN, VG, MBASE, GEN_STATUS, PMAX] = idx_gen;
[F_BUS, T_BUS, BR_R, BR_X, BR_B, RATE_A, RATE_B, RATE_C, TAP, SHIFT, BR_STATUS] = idx_brch;

[~, casename] = fileparts(casefile);
v = mpver('all');
mpc0 = loadcase(casefile);
mpc = ext2int(mpc0);
nb = size(mpc.bus, 1);
nl = size(mpc.branch, 1);
if nb ~= size(mpc0.bus, 1) || nl ~= size(mpc0.branch, 1) || any(mpc.order.bus.e2i(mpc0.bus(:, BUS_I)) ~= (1:nb)')
    error('ext2int changed the bus or branch order of %s: the reference would not line up', casename);
end

ptdf = makePTDF(mpc);
slack = find(mpc.bus(:, BUS_TYPE) == REF);
slack = slack(1);

on = mpc.gen(:, GEN_STATUS) > 0;
w = accumarray(mpc.gen(on, GEN_BUS), mpc.gen(on, PMAX), [nb 1]);
ptdf_dist = makePTDF(mpc, w);

lodf = makeLODF(mpc.branch, ptdf);
bridges = [];
%% find_islands returns single-bus islands apart, as `isolated`.
[g0, i0] = find_islands(mpc);
for k = 1:nl
    t = mpc;
    t.branch(k, BR_STATUS) = 0;
    [g, i] = find_islands(t);
    if numel(g) + numel(i) > numel(g0) + numel(i0)
        bridges(end+1) = k;
    end
end
lodf(:, bridges) = NaN;

fd = fopen([outfile '.tmp'], 'w');
if fd < 0, error('cannot write %s', outfile); end
fprintf(fd, '{\n  "case": "%s",\n', casename);
fprintf(fd, '  "source": "MATPOWER %s makePTDF/makeLODF, GNU Octave %s",\n', v.Version, OCTAVE_VERSION);
fprintf(fd, '  "slack_bus": %d,\n', mpc0.bus(slack, BUS_I));
fprintf(fd, '  "bus_id": %s,\n', row(mpc0.bus(:, BUS_I)'));
fprintf(fd, '  "branch_from": %s,\n', row(mpc0.branch(:, F_BUS)'));
fprintf(fd, '  "branch_to": %s,\n', row(mpc0.branch(:, T_BUS)'));
fprintf(fd, '  "bridges": %s,\n', row(bridges));
fprintf(fd, '  "slack_weights": %s,\n', row(w'));
fprintf(fd, '  "ptdf": %s,\n', matrix(ptdf));
fprintf(fd, '  "ptdf_distributed": %s,\n', matrix(ptdf_dist));
fprintf(fd, '  "lodf": %s\n}\n', matrix(lodf));
fclose(fd);
movefile([outfile '.tmp'], outfile);
fprintf(2, '  [%s] %d buses, %d branches, %d bridges -> %s\n', casename, nb, nl, numel(bridges), outfile);
status = 0;
end

function s = row(x)
%% JSON array, 12 significant digits, non-finite as null
if isempty(x), s = '[]'; return; end
s = sprintf('%.12g,', full(x));
s = ['[' s(1:end-1) ']'];
s = regexprep(s, '(-?Inf|NaN|NA)', 'null');
end

function s = matrix(a)
rows = cell(size(a, 1), 1);
for i = 1:size(a, 1)
    rows{i} = row(a(i, :));
end
s = ['[' strjoin(rows', sprintf(',\n   ')) ']'];
end
