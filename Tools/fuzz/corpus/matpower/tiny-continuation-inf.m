function mpc = cont
mpc.version = "2";
mpc.baseMVA = 1e2;
mpc.bus = [ 1, 3, 0, 0, 0, 0, 1, 1, 0, 345, 1, 1.1, 0.9; 2, 1, 50.5, -1.5E+01, ...
 0, 0, 1, 1.0, -0.5, 345, 1, Inf, -Inf;
 3 4 0 0 0 0 1 1 0 345 1 1.1 0.9 ];
mpc.gen = [1 10 0 Inf -Inf 1.0 100 1 Inf 0 0 0 0 0 0 0 0 0 0 0 0];
mpc.branch = [1 2 0 .1 0 0 0 0 0 0 1 -360 360; 2 3 1e-3 5. 0 Inf 0 0 1.05 -30 0 -360 360];
mpc.gencost = [2 0 0 3 0.01 40 0];
mpc.dcline = [];
