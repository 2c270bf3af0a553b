#include "simulator/openrouter_site.hpp"

#include "simulator/catalog_routes.hpp"
#include "simulator/inference_routes.hpp"
#include "simulator/json_bodies.hpp"

namespace ngd::sim {
namespace {

namespace json = boost::json;

constexpr std::string_view api_prefix = "/api/v1";

std::string percent_decoded(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// "author/slug" with exactly one slash, both parts non-empty.
bool is_model_id(std::string_view id)
{
    const auto slash = id.find('/');
    return slash != std::string_view::npos && slash > 0 && slash + 1 < id.size() &&
           id.find('/', slash + 1) == std::string_view::npos;
}

reply method_not_allowed()
{
    return json_reply(405, json::serialize(error_envelope(405, "Method Not Allowed")));
}

struct api_call {
    const incoming& request;
    scenario& world;
    const caller& who;
    std::int64_t now_unix;
    std::string_view route;  ///< the path after /api/v1

    bool authorised() const { return who.kind == caller_kind::valid; }

    reply get_only(reply (api_call::*serve)() const) const
    {
        return request.method == "GET" || request.method == "HEAD" ? (this->*serve)() : method_not_allowed();
    }

    reply key_info() const { return authorised() ? json_reply(200, key_body(*who.key)) : unauthorized(who, world); }

    reply credits() const
    {
        if (!authorised()) return unauthorized(who, world);
        if (!who.key->management)
            return json_reply(403, json::serialize(oas_error_envelope(403, "Only management keys can perform this operation")));
        return json_reply(200, credits_body(*who.key));
    }

    reply models() const
    {
        // Public; some report an expired key answered 401 here, hence the strict option.
        if (world.models_require_auth && (who.kind == caller_kind::rejected || who.kind == caller_kind::unknown))
            return unauthorized(who, world);
        return list_models(request, world, nullptr);
    }

    reply user_models() const { return authorised() ? list_models(request, world, who.key) : unauthorized(who, world); }
    reply model_count() const { return count_models(world); }
    reply providers() const { return list_providers(world); }

    reply one_model() const
    {
        const auto id = percent_decoded(route.substr(std::string_view("/model/").size()));
        return is_model_id(id) ? show_model(world, id) : resource_not_found();
    }

    reply endpoints() const
    {
        auto id = route.substr(std::string_view("/models/").size());
        id.remove_suffix(std::string_view("/endpoints").size());
        const auto decoded = percent_decoded(id);
        return is_model_id(decoded) ? show_endpoints(world, decoded, authorised()) : resource_not_found();
    }

    // GET /generation?id=: a generation this key's account ran, else OpenRouter's 404
    // (the OpenAPI description's 404 example: "Resource not found").
    reply generation() const
    {
        if (!authorised()) return unauthorized(who, world);
        const auto id = percent_decoded(request.query_value("id"));
        if (id.empty()) return json_reply(400, json::serialize(error_envelope(400, "id is required")));
        const auto* record = world.generations.find(id);
        if (!record || record->key_name != who.key->name) return resource_not_found();
        return json_reply(200, generation_body(*record));
    }

    reply inference(inference_api api) const
    {
        if (request.method != "POST") return method_not_allowed();
        return authorised() ? serve_inference(api, request, world, *who.key, now_unix) : unauthorized(who, world);
    }

    std::optional<reply> answer() const
    {
        if (route == "/key" || route == "/auth/key") return get_only(&api_call::key_info);
        if (route == "/credits") return get_only(&api_call::credits);
        if (route == "/models") return get_only(&api_call::models);
        if (route == "/models/user") return get_only(&api_call::user_models);
        if (route == "/models/count") return get_only(&api_call::model_count);
        if (route == "/providers") return get_only(&api_call::providers);
        if (route == "/generation") return get_only(&api_call::generation);
        if (route.starts_with("/model/")) return get_only(&api_call::one_model);
        if (route.starts_with("/models/") && route.ends_with("/endpoints") &&
            route.size() > std::string_view("/models//endpoints").size())
            return get_only(&api_call::endpoints);
        if (route == "/chat/completions") return inference(inference_api::chat_completions);
        if (route == "/responses") return inference(inference_api::responses);
        return std::nullopt;
    }
};

}  // namespace

reply site_not_found()
{
    // What Next.js serves for a path it has no page for (wrong base URL, missing /api).
    return html_reply(404, R"(<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><link rel="stylesheet" href="/_next/static/css/7e2b2a1c3d4f5e6a.css" data-precedence="next"/><script src="/_next/static/chunks/webpack-4f8e2b1d9c3a7e65.js" async=""></script><title>404: This page could not be found. | OpenRouter</title><meta name="robots" content="noindex"/></head><body><div style="font-family:system-ui,&quot;Segoe UI&quot;,Roboto,Helvetica,Arial,sans-serif;height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center"><div><h1 class="next-error-h1" style="display:inline-block;margin:0 20px 0 0;padding:0 23px 0 0;font-size:24px;font-weight:500;vertical-align:top;line-height:49px">404</h1><div style="display:inline-block"><h2 style="font-size:14px;font-weight:400;line-height:49px;margin:0">This page could not be found.</h2></div></div></div><script src="/_next/static/chunks/main-app-9a1c5e7b3d2f4a68.js" async=""></script></body></html>)");
}

reply serve_openrouter(const incoming& request, scenario& world, const caller& who, std::int64_t now_unix)
{
    const std::string_view path = request.path;
    if (path.starts_with(api_prefix) && path.size() > api_prefix.size() && path[api_prefix.size()] == '/') {
        const api_call call{request, world, who, now_unix, path.substr(api_prefix.size())};
        if (auto answered = call.answer()) return std::move(*answered);
    }
    return site_not_found();
}

}  // namespace ngd::sim
