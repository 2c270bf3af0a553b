#pragma once
/// Python's text forms of values (repr/str), which OmegaConf uses when it builds strings.
#include <string>
#include <string_view>

namespace ngd::config {

/// repr(float): "0.1", "1e-05", "1e+20", "3.0", "inf", "-inf", "nan".
std::string python_float_repr(double value);

/// repr(str): 'text' with Python's quote choice and escapes.
std::string python_str_repr(std::string_view text);

}  // namespace ngd::config
