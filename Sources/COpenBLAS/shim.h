// OpenBLAS (CBLAS) and LAPACKE for Swift.
// LAPACKE's complex types are redefined as plain structs before lapacke.h is read: the C99
// `_Complex` types it would use otherwise import into Swift as OpaquePointer.
#ifndef KRAFT_COPENBLAS_SHIM_H
#define KRAFT_COPENBLAS_SHIM_H
typedef struct { float real, imag; } shim_complex_float;
typedef struct { double real, imag; } shim_complex_double;
#define lapack_complex_float  shim_complex_float
#define lapack_complex_double shim_complex_double
#include <lapacke.h>
#include <cblas-openblas.h>
#endif
