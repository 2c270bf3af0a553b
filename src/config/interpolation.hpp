#pragma once
/// OmegaConf's interpolation: `${a.b}`, `${.x}`, `${..x}`, `${l[0]}`, `${a.${k}}`,
/// `\${escaped}`, resolvers (`oc.env`, `oc.select`, `oc.decode`, `oc.create`, and NeMo Gym's
/// `inherit_from`/`copy`), with OmegaConf's error types and messages.
#include "config/node.hpp"
#include "config/resolve.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::config {

/// True when OmegaConf would treat the string as an interpolation (it contains "${").
bool has_interpolation(std::string_view text);

/// True when the whole string is one `${...}` (its value keeps the target's type).
bool is_whole_interpolation(std::string_view text);

/// A failed resolution: OmegaConf's exception name and message, without the full_key lines.
struct interpolation_failure {
    std::string type;
    std::string message;
    std::string referenced_key;  ///< for InterpolationKeyError: the key that was not found
};

/// One failed value found while resolving a whole tree, in document order.
struct failed_value {
    std::string full_key;      ///< "a.b[0]"
    std::string object_type;   ///< "dict" or "list": the container holding the value
    interpolation_failure failure;
    origin where;

    /// OmegaConf's str(e): message + "\n    full_key: ...\n    object_type=..."
    std::string omegaconf_text() const;
};

/// Resolves values of one tree. The tree must outlive the resolver and not change meanwhile;
/// every value is resolved at most once (memoized), so large trees resolve in linear time.
class interpolator {
public:
    interpolator(const node& root, env_lookup env);
    ~interpolator();
    interpolator(const interpolator&) = delete;
    interpolator& operator=(const interpolator&) = delete;

    /// The whole tree resolved; values that fail become node::unresolved and are listed in
    /// `failures()` in document order.
    node resolve_all();

    /// The resolved value at a path of map keys from the root (dotted), or nullptr when absent.
    /// A failure is returned as an unresolved node and recorded.
    std::optional<node> resolve_path(std::string_view dotted);

    const std::vector<failed_value>& failures() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace ngd::config

namespace ngd::config {

/// How NeMo Gym reports a failed interpolation: a missing key becomes its own
/// ConfigInterpolationError text ("Config value 'a' references 'b', which is not set after
/// merging. ..."); other resolution errors keep OmegaConf's text; a grammar error keeps its
/// type (NeMo Gym lets it escape as a traceback).
config_error as_nemo_gym_error(const failed_value& failure);

/// Python truthiness of a resolved value.
bool python_truthy(const node& value);

}  // namespace ngd::config
