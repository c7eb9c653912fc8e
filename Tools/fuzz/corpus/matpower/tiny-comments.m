function mpc = tiny % trailing comment
%{
block comment
  %{
  nested
  %}
%}
mpc.version = '2'; % version
mpc.baseMVA = 100;
mpc.bus = [
	1	3	0	0	0	0	1	1	0	345	1	1.1	0.9; % slack
	2	2	0	0	0	0	1	1	0	345	1	1.1	0.9;
	3	1	90	30	0	19	1	1	0	345	1	1.1	0.9;
];
mpc.gen = [
	1	72.3	27.03	300	-300	1.04	100	1	250	10;
	2	163	6.54	300	-300	1.025	100	1	300	10;
];
mpc.branch = [
	1	2	0.01	0.085	0.176	250	250	250	0	0	1;
	2	3	0.017	0.092	0.158	250	250	250	0	0	1;
];
