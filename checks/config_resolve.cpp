// config.resolve: the whole config resolves as NeMo Gym resolves it. On failure the finding
// carries the error NeMo Gym would print, and a fix for that kind of error.
#include "checks/shell_command.hpp"
#include "checks/checks.hpp"

#include "config/redact.hpp"
#include "doctor/run_context.hpp"

namespace ngd::checks {
namespace {

using net::error_class;

/// The quoted name after `marker` in an error text: "references 'policy_api_key'" -> policy_api_key.
std::string quoted_after(const std::string& text, const std::string& marker)
{
    auto at = text.find(marker);
    if (at == std::string::npos) return "";
    auto open = text.find('\'', at + marker.size() - 1);
    if (open == std::string::npos) return "";
    auto close = text.find('\'', open + 1);
    return close == std::string::npos ? "" : text.substr(open + 1, close - open - 1);
}

doctor::fix fix_for(const config::config_error& e)
{
    const std::string& t = e.type;
    const std::string where = e.where.text();
    if (t == "ConfigInterpolationError" && e.message.find("which is not set after merging") != std::string::npos) {
        std::string key = quoted_after(e.message, "references '");
        return {"set " + key + " in env.yaml, or pass it on the command line",
                {prompt_then_dump_config(key)}};
    }
    if (t == "ConfigInterpolationError" && e.message.find("Environment variable") != std::string::npos) {
        std::string var = quoted_after(e.message, "Environment variable '");
        return {"export " + var + " before running, or give the interpolation a default: ${oc.env:" + var + ",<default>}",
                {prompt_and_export(var)}};
    }
    if (t == "ConfigInterpolationError" && e.message.find("Recursive interpolation") != std::string::npos)
        return {"two values refer to each other" + (where.empty() ? std::string() : " (" + where + ")") +
                    "; make one of them a plain value",
                {"ngdoctor dump-config --show-origin"}};
    if (t == "ConfigInterpolationError" && e.message.find("Unsupported interpolation type") != std::string::npos)
        return {"only oc.env, oc.select, oc.decode, oc.create, oc.dict.* and NeMo Gym's inherit_from/copy resolvers "
                "exist; check the spelling" + (where.empty() ? std::string() : " at " + where),
                {}};
    if (t == "GrammarParseError")
        return {"an interpolation is malformed" + (where.empty() ? std::string() : " at " + where) +
                    ": close each ${ with }, or write \\${ for a literal ${",
                {}};
    if (t == "ConfigPathNotFoundError")
        return {"fix the path, run from the folder the paths are relative to (the Gym repository root), or add "
                "that folder with --search-dir",
                {"ls responses_api_models resources_servers responses_api_agents"}};
    if (t == "ConfigMissingValuesError") {
        std::string path = e.message.substr(e.message.find("  - ") == std::string::npos ? 0 : e.message.find("  - ") + 4);
        path = path.substr(0, path.find('\n'));
        return {"each value that is still unset after merging must be given, in env.yaml or on the command line",
                {prompt_then_dump_config(path)}};
    }
    if (t == "HydraError")
        return {"fix the override: add new keys with +key=value (or ++key=value to add or replace), quote values "
                "holding commas ('a,b'), and write lists as [a,b]",
                {}};
    if (t == "ServerRefNotFoundError")
        return {"point the field at a server instance that exists (see the suggestions above), or add that "
                "server's config to config_paths",
                {"ngdoctor dump-config"}};
    if (t == "MalformedConfigPathsError")
        return {"write config_paths as a list: \"+config_paths=[a.yaml,b.yaml]\"", {}};
    if (t == "AlmostServerError")
        return {"fix the server's fields listed above, or set error_on_almost_servers=false to start without it", {}};
    if (t == "ConfigTypeError" && e.clash) {
        // OmegaConf.merge refuses a mapping into a list and a list into a mapping.
        auto kind = [](const config::origin& o) { return o.text().empty() ? std::string("an override") : o.text(); };
        return {"'" + e.clash->key + "' is a list in one place and a mapping in the other (" + kind(e.clash->earlier) +
                    ", then " + kind(e.clash->later) +
                    "); NeMo Gym cannot merge the two: write the same kind in both, or rename one",
                {"ngdoctor dump-config --show-origin"}};
    }
    if (t == "InheritPathNotFoundError")
        return {"the _inherit_from / _copy path must name an existing key, written from the top (a.b.c)", {}};
    if (e.message.rfind("Malformed YAML", 0) == 0)
        return {"fix the YAML at " + where + ": spaces only for indentation, each key once, quotes closed", {}};
    return {"fix the value NeMo Gym names above", {"ngdoctor dump-config --show-origin"}};
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto nl = text.find('\n', start);
        out.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

}  // namespace

result config_resolve(check_context& ctx)
{
    const auto& r = ctx.run.config;
    if (r.error) {
        const auto& e = *r.error;
        // An error text can quote a value; never let a key through.
        std::string printed = config::mask_credentials_in(e.printed());
        auto details = lines_of(printed);
        // An AlmostServerError's message is the whole config; the fields to fix are in the
        // warning NeMo Gym prints above it.
        if (e.type == "AlmostServerError") {
            details.clear();
            for (auto& notice : r.notices)
                for (auto& line : lines_of(config::mask_credentials_in(notice)))
                    if (line.find("\u2550") == std::string::npos && line.find_first_not_of(' ') != std::string::npos)
                        details.push_back(line);
        }
        // The summary already carries the first line of the message.
        if (!details.empty() && details.front().find(first_line(e.message)) != std::string::npos)
            details.erase(details.begin());
        std::string where = e.where.text();
        if (!where.empty()) details.push_back("at " + where);
        if (r.errors.size() > 1)
            details.push_back(std::to_string(r.errors.size() - 1) + " more error(s) after this one (NeMo Gym stops at the first)");
        co_return doctor::fail("NeMo Gym cannot resolve the config: " + e.type + ": " +
                                   config::mask_credentials_in(first_line(e.message)),
                               error_class::config, fix_for(e), details);
    }
    std::string summary = "the config resolves as NeMo Gym resolves it (" +
                          std::to_string(r.server_instances.size()) + " server instance(s), " +
                          std::to_string(r.config_paths.size()) + " config file(s))";
    if (r.from_config_dict_env) summary = "the config from NEMO_GYM_CONFIG_DICT resolves";
    if (!r.warnings.empty() || !r.notices.empty()) {
        std::vector<std::string> details;
        for (auto& w : r.notices)
            for (auto& line : lines_of(w))
                if (!line.empty()) details.push_back(line);
        for (auto& w : r.warnings)
            for (auto& line : lines_of(w)) details.push_back(line);
        co_return doctor::warn(summary + ", with warnings NeMo Gym prints", {"see the warnings below", {}}, details);
    }
    co_return doctor::ok(summary);
}

}  // namespace ngd::checks
