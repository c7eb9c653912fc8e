function status = make_references(casefile, outdir, variants_csv, must_converge_csv, max_branch_bytes)
%MAKE_REFERENCES  Solve one MATPOWER case with several power-flow variants
%   and write one JSON reference file per variant.
%
%   status = make_references(casefile, outdir, variants_csv, must_converge_csv, max_branch_bytes)
%
%   casefile          full path of a MATPOWER case .m file
%   outdir            folder to write <variant>.json into (created if needed)
%   variants_csv      comma-separated list of: nr, nr_qlim, fdxb, fdbx, dc, nr_flat
%   must_converge_csv comma-separated variants that must converge; if one of
%                     them does not, the file is still written but the
%                     returned status is 3 (0 when all is well)
%   max_branch_bytes  if a file with its branch block would exceed about this
%                     many bytes, write "branch": null instead (0 = never drop)
%
%   Called by Tools/references/make-references (which sets the path to
%   MATPOWER 8.1's lib/, mips/lib, mp-opt-model/lib and mptest/lib).
%   Progress goes to stderr. Uses MATPOWER's legacy power-flow core.

if nargin < 5, max_branch_bytes = 0; end
variants = strsplit(variants_csv, ',');
variants = variants(~cellfun(@isempty, variants));
must = strsplit(must_converge_csv, ',');

[PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS, BUS_AREA, VM, VA] = idx_bus;
[GEN_BUS, PG, QG, QMAX, QMIN, VG, MBASE, GEN_STATUS] = idx_gen;
[F_BUS, T_BUS, BR_R, BR_X, BR_B, RATE_A, RATE_B, RATE_C, TAP, SHIFT, ...
    BR_STATUS, PF, QF, PT, QT] = idx_brch;

[~, casename] = fileparts(casefile);
v = mpver('all');
mpver_str = v.Version;
tool = sprintf('GNU Octave %s', OCTAVE_VERSION);

t0 = tic;
mpc0 = loadcase(casefile);
fprintf(2, '  [%s] loaded in %.1f s (%d buses, %d gens, %d branches)\n', casename, ...
    toc(t0), size(mpc0.bus, 1), size(mpc0.gen, 1), size(mpc0.branch, 1));

if ~exist(outdir, 'dir')
    mkdir(outdir);
end

base = mpoption('verbose', 0, 'out.all', 0, 'pf.tol', 1e-8, ...
                'exp.use_legacy_core', 1);

failed = {};
for k = 1:numel(variants)
    var = variants{k};
    mpc = mpc0;
    qlim = 0;
    init = 'case';
    fn = 'runpf';
    switch var
        case 'nr'
            alg = 'NR';
        case 'nr_qlim'
            alg = 'NR'; qlim = 1;
        case 'fdxb'
            alg = 'FDXB';
        case 'fdbx'
            alg = 'FDBX';
        case 'dc'
            alg = 'DC'; fn = 'rundcpf';
        case 'nr_flat'
            alg = 'NR'; init = 'flat';
            %% MATPOWER 8.1 runpf has no flat-start option: flatten the case.
            %% (runpf then sets |V| of PV/REF buses to the gen VG itself.)
            mpc.bus(:, VM) = 1;
            mpc.bus(:, VA) = 0;
        otherwise
            error('make_references: unknown variant ''%s''', var);
    end
    if strcmp(alg, 'DC')
        mpopt = mpoption(base, 'model', 'DC');
        max_it = [];
    else
        mpopt = mpoption(base, 'pf.alg', alg, 'pf.enforce_q_lims', qlim);
        if strcmp(alg, 'NR')
            max_it = mpopt.pf.nr.max_it;
        else
            max_it = mpopt.pf.fd.max_it;
        end
    end

    t1 = tic;
    if strcmp(fn, 'rundcpf')
        r = rundcpf(mpc, mpopt);
    else
        r = runpf(mpc, mpopt);
    end
    el = toc(t1);
    ok = r.success ~= 0;
    its = [];
    if isfield(r, 'iterations')
        its = r.iterations;
    end

    %% ---- build JSON ----
    nnf = 0;    %% number of non-finite values written as null
    L = {};
    L{end+1} = '{';
    L{end+1} = sprintf('  "case": "%s",', casename);
    L{end+1} = sprintf('  "variant": "%s",', var);
    L{end+1} = sprintf('  "source": "MATPOWER %s %s, legacy core, %s",', mpver_str, fn, tool);
    if strcmp(alg, 'DC')
        L{end+1} = sprintf('  "options": {"alg": "DC", "model": "DC", "enforce_q_lims": 0, "init": "%s"},', init);
    else
        L{end+1} = sprintf('  "options": {"alg": "%s", "tol": %s, "max_it": %d, "enforce_q_lims": %d, "init": "%s"},', ...
            alg, num2str(mpopt.pf.tol, '%.17g'), max_it, qlim, init);
    end
    L{end+1} = sprintf('  "converged": %s,', tf(ok));
    if ~isempty(its)
        L{end+1} = sprintf('  "iterations": %d,', its);
    end

    [s1, n1] = arr(r.bus(:, BUS_I));
    [s2, n2] = arr(r.bus(:, BUS_TYPE));
    [s3, n3] = arr(r.bus(:, VM));
    [s4, n4] = arr(r.bus(:, VA));
    nnf = nnf + n1 + n2 + n3 + n4;
    L{end+1} = sprintf('  "bus": {\n    "id": %s,\n    "type": %s,\n    "vm": %s,\n    "va_deg": %s\n  },', s1, s2, s3, s4);

    [s1, n1] = arr(r.gen(:, GEN_BUS));
    [s2, n2] = arr(r.gen(:, GEN_STATUS));
    [s3, n3] = arr(r.gen(:, PG));
    [s4, n4] = arr(r.gen(:, QG));
    nnf = nnf + n1 + n2 + n3 + n4;
    L{end+1} = sprintf('  "gen": {\n    "bus": %s,\n    "status": %s,\n    "pg": %s,\n    "qg": %s\n  },', s1, s2, s3, s4);

    br = r.branch;
    parts = cell(1, 7); nb = 0;
    cols = [F_BUS T_BUS BR_STATUS PF QF PT QT];
    for c = 1:7
        [parts{c}, n] = arr(br(:, cols(c)));
        nb = nb + n;
    end
    sbr = sprintf('  "branch": {\n    "from": %s,\n    "to": %s,\n    "status": %s,\n    "pf": %s,\n    "qf": %s,\n    "pt": %s,\n    "qt": %s\n  }', parts{:});
    notes = {};
    nother = sum(cellfun(@numel, L)) + numel(L);
    if max_branch_bytes > 0 && nother + numel(sbr) > max_branch_bytes
        notes{end+1} = sprintf('branch block omitted: file would be about %d bytes', nother + numel(sbr));
        sbr = '  "branch": null';
    else
        nnf = nnf + nb;
    end

    if qlim
        %% Which gens ended at a Q limit: in service, bus was PV/REF in the
        %% input and is PQ in the result (runpf does not restore bus types).
        bt0 = zeros(max(mpc0.bus(:, BUS_I)), 1);
        bt0(mpc0.bus(:, BUS_I)) = mpc0.bus(:, BUS_TYPE);
        bt1 = bt0;
        bt1(r.bus(:, BUS_I)) = r.bus(:, BUS_TYPE);
        gb = r.gen(:, GEN_BUS);
        sw = find(r.gen(:, GEN_STATUS) > 0 & (bt0(gb) == PV | bt0(gb) == REF) & bt1(gb) == PQ);
        lim = cell(size(sw));
        for j = 1:numel(sw)
            g = sw(j);
            if r.gen(g, QG) == r.gen(g, QMAX)
                lim{j} = '"max"';
            elseif r.gen(g, QG) == r.gen(g, QMIN)
                lim{j} = '"min"';
            else
                lim{j} = '"none"';
            end
        end
        swb = r.bus(bt0(r.bus(:, BUS_I)) ~= PQ & r.bus(:, BUS_TYPE) == PQ, BUS_I);
        ref0 = mpc0.bus(mpc0.bus(:, BUS_TYPE) == REF, BUS_I);
        ref1 = r.bus(r.bus(:, BUS_TYPE) == REF, BUS_I);
        L{end+1} = sprintf(['  "q_limits": {"gen_rows": %s, "limit": [%s], ' ...
            '"buses_switched_to_pq": %s, "ref_bus_in": %s, "ref_bus_out": %s},'], ...
            arr(sw), strjoin(lim', ', '), arr(swb), arr(ref0), arr(ref1));
    end
    if nnf > 0
        notes{end+1} = sprintf('%d non-finite values written as null', nnf);
    end
    if ~isempty(notes)
        L{end+1} = sprintf('  "notes": [%s],', strjoin(cellfun(@(s) ['"' s '"'], notes, 'UniformOutput', false), ', '));
    end
    L{end+1} = sbr;
    L{end+1} = '}';

    f = fullfile(outdir, [var '.json']);
    tmp = [f '.tmp'];
    fd = fopen(tmp, 'w');
    if fd < 0
        error('make_references: cannot write %s', tmp);
    end
    fputs(fd, strjoin(L, "\n"));
    fputs(fd, "\n");
    fclose(fd);
    movefile(tmp, f);

    if isempty(its), its = -1; end
    fprintf(2, '  [%s] %-8s converged=%d iterations=%d solve=%.2fs -> %s\n', ...
        casename, var, ok, its, el, f);
    if ~ok && any(strcmp(var, must))
        failed{end+1} = var;
    end
end

if ~isempty(failed)
    fprintf(2, '  [%s] ERROR: did not converge: %s\n', casename, strjoin(failed, ', '));
    status = 3;
else
    status = 0;
end
end

function s = tf(b)
if b, s = 'true'; else, s = 'false'; end
end

function [s, nnf] = arr(x)
%% JSON array of numbers, 15 significant digits, non-finite -> null
x = full(double(x(:)'));
nnf = sum(~isfinite(x));
if isempty(x)
    s = '[]';
    return;
end
s = sprintf('%.15g,', x);
s = ['[' s(1:end-1) ']'];
if nnf > 0
    s = regexprep(s, '(-?Inf|NaN|NA)', 'null');
end
end
