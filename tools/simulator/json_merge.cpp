#include "simulator/json_merge.hpp"

namespace ngd::sim {

void merge_into(boost::json::object& target, const boost::json::object& patch)
{
    for (const auto& [name, value] : patch) {
        auto* existing = target.if_contains(name);
        if (existing && existing->is_object() && value.is_object())
            merge_into(existing->as_object(), value.as_object());
        else
            target[name] = value;
    }
}

}  // namespace ngd::sim
