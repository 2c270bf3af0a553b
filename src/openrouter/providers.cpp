#include "openrouter/providers.hpp"

#include "openrouter/json_read.hpp"

namespace ngd::openrouter {

namespace {

provider read_provider(detail::object_reader& p)
{
    provider out;
    out.name = p.string("name");
    out.slug = p.string("slug");
    out.privacy_policy_url = p.opt_string("privacy_policy_url");
    out.terms_of_service_url = p.opt_string("terms_of_service_url");
    out.status_page_url = p.opt_string("status_page_url");
    out.headquarters = p.opt_string("headquarters");
    out.datacenters = p.strings("datacenters");
    return out;
}

}  // namespace

const provider* provider_list::find_slug(std::string_view slug) const
{
    for (const auto& p : data)
        if (p.slug == slug) return &p;
    return nullptr;
}

parse_result<provider_list> parse_provider_list(std::string_view body)
{
    return detail::read_document<provider_list>(body, [](detail::object_reader& root) {
        return provider_list{root.array("data").map_objects(read_provider)};
    });
}

}  // namespace ngd::openrouter
