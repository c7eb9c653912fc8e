function mpc = names
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
	1	3	0	0	0	0	1	1	0	345	1	1.1	0.9;
	2	1	10	5	0	0	1	1	0	345	1	1.1	0.9;
	3	4	0	0	0	0	1	1	0	345	1	1.1	0.9;
];
mpc.gen = [
	1	0	0	300	-300	1	100	1	250	10;
];
mpc.branch = [
	1	2	0.01	0.085	0.176	250	250	250	0	0	1;
];
mpc.bus_name = {
	'Forsmark 400';
	"Ringhals ''3''";
	'Malmö';
};
mpc.gentype = { 'NG'; 'WT' };
mpc.reserves.zones = [1 1];
