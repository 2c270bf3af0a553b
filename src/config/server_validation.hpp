#pragma once
/// NeMo Gym's pydantic validation of a server instance (nemo_gym/config_types.py:
/// ServerInstanceConfig and the DatasetConfig / BenchmarkDatasetConfig it holds), with
/// pydantic's error locations and messages, and NeMo Gym's almost-server warning text.
#include "config/node.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ngd::config {

/// One pydantic error: `loc` as pydantic gives it (list indices as digits), the error type
/// ("missing", "literal_error", ...) and its message.
struct validation_error {
    std::vector<std::string> loc;
    std::string type;
    std::string msg;
    const node* input = nullptr;  ///< the value validated (lives as long as the tree)
};

/// ServerInstanceConfigTypeAdapter.validate_python of a top-level value as written
/// (resolve=False): empty when one of the three server types accepts it.
std::vector<validation_error> validate_server_instance(const node& value);

/// nemo_gym/global_config.py::format_almost_server_warning: the union's noise filtered out,
/// literal alternatives folded into "Must be one of: ...".
std::string almost_server_warning(std::string_view server_name, const std::vector<validation_error>& errors);

}  // namespace ngd::config
