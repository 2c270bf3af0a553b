#include "config/dump.hpp"

#include "config/emit.hpp"
#include "config/redact.hpp"

namespace ngd::config {

namespace {

std::string warnings_text(const resolution& r)
{
    std::string out;
    for (auto& w : r.warnings) out += w + "\n";
    return out;
}

}  // namespace

dump_output dump_config(const dump_request& request)
{
    dump_output result;
    resolve_options options = request.resolve;
    options.hide_secrets = !request.show_secrets;
    resolution r = resolve(options);
    result.err += warnings_text(r);
    // NeMo Gym prints its notices on stdout ahead of the YAML; JSON output stays parseable.
    std::string notices;
    for (auto& n : r.notices) notices += n;
    if (request.as == dump_request::format::json) result.err += notices;
    else result.out += notices;
    if (r.error) {
        // Redaction also covers the message: an error text may quote a value.
        result.err += mask_credentials_in(r.error->printed()) + "\n";
        result.exit_code = 1;
        return result;
    }
    node tree = r.root;
    if (request.show_secrets) {
        result.err += "ngdoctor: --show-secrets: the output below holds secrets in clear text\n";
    } else {
        redact_superset(tree);
    }
    if (request.as == dump_request::format::json) {
        result.out += to_json(tree);
    } else {
        emit_options eo;
        eo.show_origin = request.show_origin;
        // NeMo Gym prints to_yaml's text with print(), hence the blank last line.
        result.out += to_yaml(tree, eo) + "\n";
    }
    return result;
}

}  // namespace ngd::config
