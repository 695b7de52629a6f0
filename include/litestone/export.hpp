#pragma once

// Symbols of the shared library are hidden unless marked LITESTONE_EXPORT.
#if defined(__GNUC__) || defined(__clang__)
#define LITESTONE_EXPORT __attribute__((visibility("default")))
#else
#define LITESTONE_EXPORT
#endif
