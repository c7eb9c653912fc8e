// SuiteSparse KLU, the sparse LU factorization used by the Newton-Raphson power flow, and AMD,
// the fill-reducing ordering the block LU uses.
#ifndef KRAFT_CKLU_SHIM_H
#define KRAFT_CKLU_SHIM_H
#include <suitesparse/klu.h>
#include <suitesparse/amd.h>
#endif
