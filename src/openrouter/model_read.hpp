#pragma once
/// Readers shared by the model and endpoint parsers (internal: pulls in Boost.JSON).
#include "openrouter/json_read.hpp"
#include "openrouter/model.hpp"

namespace ngd::openrouter::detail {

prices read_prices(object_reader& pricing);
model_architecture read_architecture(object_reader& arch);
model read_model(object_reader& m);

}  // namespace ngd::openrouter::detail
