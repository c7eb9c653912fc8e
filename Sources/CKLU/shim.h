// SuiteSparse KLU, the sparse LU factorization used by the Newton-Raphson power flow.
#ifndef KRAFT_CKLU_SHIM_H
#define KRAFT_CKLU_SHIM_H
#include <suitesparse/klu.h>
#endif
