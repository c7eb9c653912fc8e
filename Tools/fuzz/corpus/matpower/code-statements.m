function mpc = code
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [1 3 0 0 0 0 1 1 0 345 1 1.1 0.9];
mpc.gen = [];
mpc.branch = [];
mpc.bus(:, 3) = 0;
x = mpc.bus'; y = [1 2]'; s = 'it''s';
for k = 1:3, z(k) = {k}; end
