// `dump-config`: the configuration NeMo Gym would resolve, printed as OmegaConf prints it.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include "config/dump.hpp"
#include "config/file_kind.hpp"
#include "config/overrides.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"

#include <boost/program_options.hpp>

#include <ostream>

namespace ngd::cli {
namespace po = boost::program_options;

namespace {

struct dump_options {
    std::string format = "yaml";
    bool show_origin = false, show_secrets = false, help = false;
    std::optional<std::string> env_file;
    std::vector<std::string> search_dirs, positional;
};

po::options_description describe(dump_options& o)
{
    po::options_description d("Options");
    d.add_options()
        ("format", po::value(&o.format)->value_name("yaml|json"), "output format (default yaml)")
        ("show-origin", po::bool_switch(&o.show_origin), "put '# file:line', '# override' or '# default' after each value (yaml)")
        ("show-secrets", po::bool_switch(&o.show_secrets), "print secrets in clear text (says so on stderr)")
        ("env-file", po::value<std::string>()->value_name("PATH")->notifier([&o](const std::string& v) { o.env_file = v; }),
         "use this env.yaml instead of searching for one")
        ("search-dir", po::value(&o.search_dirs)->value_name("DIR")->composing(),
         "extra search root for env.yaml and config paths (repeatable)")
        ("help,h", po::bool_switch(&o.help), "this help");
    return d;
}

void print_help(console& io, const po::options_description& d)
{
    io.out << "Usage: ngdoctor dump-config [--format yaml|json] [--show-origin] [--show-secrets]\n"
              "                            [--env-file PATH] [--search-dir DIR]... [overrides...]\n"
              "Print the configuration NeMo Gym would resolve (as `ng_dump_config` / `gym env resolve`),\n"
              "secrets redacted. Overrides use NeMo Gym's Hydra grammar:\n"
              "  \"+config_paths=[a.yaml,b.yaml]\" +policy_model_name=openai/gpt-4o ++x=y ~x\n"
              "A config error prints NeMo Gym's message for it and exits 1.\n\n"
           << d;
}

}  // namespace

int run_dump_config(const std::vector<std::string>& args, console& io)
{
    dump_options o;
    const auto described = describe(o);
    po::options_description all;
    all.add(described).add_options()("args", po::value(&o.positional));
    po::positional_options_description positional;
    positional.add("args", -1);
    // Overrides such as "~x" or "+a=1" must never be read as options.
    std::vector<std::string> options_part, overrides;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--") {
            overrides.insert(overrides.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        bool option_value = i > 0 && (args[i - 1] == "--env-file" || args[i - 1] == "--search-dir" ||
                                      args[i - 1] == "--format");
        if (!option_value && !a.starts_with("-") && config::looks_like_override(a)) overrides.push_back(a);
        else options_part.push_back(a);
    }
    if (const auto mistake = parse_command_line(options_part, all, positional, described))
        return usage_error(io, *mistake, "dump-config");
    if (o.help) {
        print_help(io, described);
        return doctor::exit_ok;
    }
    if (o.format != "yaml" && o.format != "json")
        return usage_error(io, "--format must be yaml or json, got '" + o.format + "'", "dump-config");
    if (!o.positional.empty())
        return usage_error(io, "'" + o.positional.front() +
                                   "' is not an override (key=value, +key=value, ++key=value or ~key)", "dump-config");

    if (o.env_file)
        if (auto why = config::not_a_readable_file(*o.env_file))
            return usage_error(io, "--env-file '" + *o.env_file + "' " + *why, "dump-config");

    config::dump_request request;
    request.resolve.env_file = o.env_file;
    request.resolve.search_dirs = o.search_dirs;
    request.resolve.overrides = overrides;
    request.as = o.format == "json" ? config::dump_request::format::json : config::dump_request::format::yaml;
    request.show_origin = o.show_origin;
    request.show_secrets = o.show_secrets;
    auto result = config::dump_config(request);
    io.out << result.out;
    io.err << result.err;
    io.out.flush();
    return result.exit_code;
}

}  // namespace ngd::cli
