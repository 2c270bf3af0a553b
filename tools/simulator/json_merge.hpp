#pragma once
/// Scenario values laid over generated defaults.
#include <boost/json.hpp>

namespace ngd::sim {

/// Copies `patch` into `target`: nested objects merge member by member, anything else
/// (arrays, null included) replaces.
void merge_into(boost::json::object& target, const boost::json::object& patch);

}  // namespace ngd::sim
