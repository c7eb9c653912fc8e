// COIN-OR CLP's C interface, the linear-program solver behind dispatch.
#ifndef KRAFT_CCLP_SHIM_H
#define KRAFT_CCLP_SHIM_H
#include <coin/Clp_C_Interface.h>
#endif
