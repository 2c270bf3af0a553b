// OmegaConf's interpolation grammar and resolution: the input is a config value next to a few
// others it may reference, resolved the way the config layer resolves a whole tree.
#include "fuzz/fuzz_properties.hpp"

#include "config/interpolation.hpp"
#include "config/interpolation_grammar.hpp"
#include "config/redact.hpp"
#include "doctor/scrub.hpp"

#include <cstdint>
#include <string>

namespace {

// A message as the command line prints it: NeMo Gym's credential masking, then the scrub
// every printed text passes (a key glued to other text is found there).
std::string as_printed(const std::string& message)
{
    return ngd::doctor::scrub(ngd::config::mask_credentials_in(message), {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using ngd::config::node;
    const std::string input(reinterpret_cast<const char*>(data), size);
    try {
        (void)ngd::config::grammar::parse_string(input);
    } catch (const ngd::config::grammar::parse_error& e) {
        ngd::fuzz::check_message(as_printed(e.message), size, "grammar error");
    }

    node root = node::map({
        {"value", node::string(input)},
        {"again", node::string("${value}")},
        {"name", node::string("openai/gpt-4o")},
        {"nested", node::map({{"list", node::list({node::integer(1), node::string("${name}")})}})},
    });
    const auto env = [](std::string_view name) -> std::optional<std::string> {
        if (name == "HOME") return std::string("/home/user");
        if (name == "OPENROUTER_API_KEY") return std::string(ngd::fuzz::canary_key);
        return std::nullopt;
    };
    ngd::config::interpolator resolver(root, env);
    (void)resolver.resolve_all();
    for (const auto& failure : resolver.failures())
        ngd::fuzz::check_message(as_printed(ngd::config::as_nemo_gym_error(failure).printed()),
                                 size, "interpolation error");
    return 0;
}
