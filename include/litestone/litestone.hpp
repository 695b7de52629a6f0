#pragma once

// Umbrella header of the litestone library.

#include "litestone/client.hpp"
#include "litestone/error.hpp"
#include "litestone/json.hpp"
#include "litestone/seed.hpp"
#include "litestone/sql.hpp"
#include "litestone/tenants.hpp"
#include "litestone/version.hpp"
