#ifndef TEXTPIPE_CZLIB_SHIM_H
#define TEXTPIPE_CZLIB_SHIM_H
#include <zlib.h>
#endif
