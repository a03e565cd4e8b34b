/*
 * embargo.h - the public API of embargo, a sanctions and export-control
 * screening engine. Include this one header.
 */
#ifndef EMBARGO_H
#define EMBARGO_H

#define EMBARGO_VERSION "0.1.0"

#include "embargo/status.h"
#include "embargo/entity.h"
#include "embargo/store.h"
#include "embargo/country.h"

#endif
