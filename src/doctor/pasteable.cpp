#include "doctor/pasteable.hpp"

#include <algorithm>
#include <cctype>

namespace ngd::doctor {

std::string key_step(std::string_view variable)
{
    const std::string name(variable);
    return "read -rs " + name + " && export " + name;
}

void add_key_steps(fix& f)
{
    for (const std::string_view variable : {"OPENROUTER_API_KEY", "OPENROUTER_MANAGEMENT_KEY"}) {
        const std::string step = key_step(variable);
        if (std::find(f.commands.begin(), f.commands.end(), step) != f.commands.end()) continue;
        const std::string use = "$" + std::string(variable);
        const auto first = std::find_if(f.commands.begin(), f.commands.end(), [&](const std::string& c) {
            const auto at = c.find(use);
            // $OPENROUTER_API_KEY, not a longer name that starts the same way.
            return at != std::string::npos &&
                   (at + use.size() == c.size() || !(std::isalnum(static_cast<unsigned char>(c[at + use.size()])) ||
                                                     c[at + use.size()] == '_'));
        });
        if (first != f.commands.end()) f.commands.insert(first, step);
    }
}

}  // namespace ngd::doctor
