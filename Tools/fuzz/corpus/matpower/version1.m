function [baseMVA, bus, gen, branch] = old
baseMVA = 100;
mpc.version = 1;
