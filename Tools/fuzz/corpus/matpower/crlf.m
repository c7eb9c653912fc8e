function mpc = crlf
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [1 3 0 0 0 0 1 1 0 345 1 1.1 0.9];
mpc.gen = [1 0 0 0 0 1 100 1 0 0];
mpc.branch = [];
