#ifndef TEXTPIPE_CLIBXML2_SHIM_H
#define TEXTPIPE_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU. Its headers then pull in ICU's `UErrorCode`, which clashes
// with Foundation's copy in every module that imports both; we never use libxml2's ICU API.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/SAX2.h>
#endif
