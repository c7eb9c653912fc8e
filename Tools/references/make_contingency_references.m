function status = make_contingency_references(casefile, outfile, qlim, every)
%MAKE_CONTINGENCY_REFERENCES  MATPOWER's AC power flow after each single
%   branch outage that does not split the network, as JSON.
%
%   status = make_contingency_references(casefile, outfile)
%   status = make_contingency_references(casefile, outfile, qlim, every)
%
%   With qlim = 1 the outaged cases are solved with pf.enforce_q_lims = 1
%   and generator reactive outputs (QG, MVAr) are written too; with every = k
%   only every k-th branch (1, 1+k, 1+2k, ...) is taken out.
%
%   For every in-service branch k whose outage leaves the network in one
%   piece (MATPOWER's find_islands: as many groups and isolated buses as
%   before), the case is solved again from scratch with branch k out of
%   service: runpf, legacy core, Newton-Raphson, pf.tol 1e-8, from the case
%   file's voltages (as MATPOWER's default), no reactive limits. Flows are
%   written in MW and MVAr with 6 decimals. Called by
%   make-contingency-references.

[F_BUS, T_BUS, BR_R, BR_X, BR_B, RATE_A, RATE_B, RATE_C, TAP, SHIFT, ...
    BR_STATUS, PF, QF, PT, QT] = idx_brch;
if nargin < 3, qlim = 0; end
if nargin < 4, every = 1; end
QG = 3;
[~, casename] = fileparts(casefile);
v = mpver('all');
mpc = loadcase(casefile);
nl = size(mpc.branch, 1);
mpopt = mpoption('verbose', 0, 'out.all', 0, 'pf.tol', 1e-8, 'pf.alg', 'NR', ...
                 'exp.use_legacy_core', 1, 'pf.enforce_q_lims', qlim);
[g0, i0] = find_islands(mpc);

fd = fopen([outfile '.tmp'], 'w');
if fd < 0, error('cannot write %s', outfile); end
fprintf(fd, '{\n  "case": "%s",\n', casename);
fprintf(fd, '  "source": "MATPOWER %s runpf (NR, legacy core, tol 1e-8, case start, enforce_q_lims %d) per outage, GNU Octave %s",\n', ...
    v.Version, qlim, OCTAVE_VERSION);
fprintf(fd, '  "contingencies": [');
first = 1; solved = 0; failed = 0; skipped = 0;
for k = 1:every:nl
    if mpc.branch(k, BR_STATUS) == 0, continue; end
    t = mpc;
    t.branch(k, BR_STATUS) = 0;
    [g, i] = find_islands(t);
    if numel(g) + numel(i) > numel(g0) + numel(i0)
        skipped = skipped + 1;
        continue;
    end
    r = runpf(t, mpopt);
    if ~first, fprintf(fd, ','); end
    first = 0;
    fprintf(fd, '\n    {"branch": %d, "converged": %s, "iterations": %d,\n', k, tf(r.success), r.iterations);
    fprintf(fd, '     "pf": %s,\n', row(r.branch(:, PF)'));
    fprintf(fd, '     "qf": %s,\n', row(r.branch(:, QF)'));
    fprintf(fd, '     "pt": %s,\n', row(r.branch(:, PT)'));
    if qlim
        fprintf(fd, '     "qg": %s,\n', row(r.gen(:, QG)'));
    end
    fprintf(fd, '     "qt": %s}', row(r.branch(:, QT)'));
    if r.success, solved = solved + 1; else, failed = failed + 1; end
end
fprintf(fd, '\n  ]\n}\n');
fclose(fd);
movefile([outfile '.tmp'], outfile);
fprintf(2, '  [%s] %d outages solved, %d did not converge, %d bridges skipped -> %s\n', ...
    casename, solved, failed, skipped, outfile);
status = 0;
end

function s = tf(b)
if b, s = 'true'; else, s = 'false'; end
end

function s = row(x)
s = sprintf('%.6f,', x);
s = ['[' s(1:end-1) ']'];
s = regexprep(s, '-0\.000000(?=[,\]])', '0.000000');
s = regexprep(s, '(-?Inf|NaN|NA)', 'null');
end
