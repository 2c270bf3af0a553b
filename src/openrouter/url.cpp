#include "openrouter/url.hpp"


namespace ngd::openrouter {

namespace {

bool is_ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string join_url(std::string_view base, std::string_view path)
{
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    std::string url(base);
    url += '/';
    url += path;
    return url;
}

std::optional<model_ref> split_model_id(std::string_view model_id)
{
    const auto slash = model_id.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == model_id.size()) return std::nullopt;
    return model_ref{std::string(model_id.substr(0, slash)), std::string(model_id.substr(slash + 1))};
}

std::string encode_path_segment(std::string_view segment)
{
    static constexpr std::string_view allowed = "-._~!$&'()*+,;=:@";
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : segment) {
        const auto u = static_cast<unsigned char>(c);
        if (is_ascii_alnum(c) || allowed.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0x0f];
        }
    }
    return out;
}

std::string model_path(const model_ref& model)
{
    std::string path = encode_path_segment(model.author);
    std::string_view slug = model.slug;
    // A slug may itself hold slashes; each piece is one segment.
    for (std::size_t start = 0;;) {
        const auto slash = slug.find('/', start);
        path += '/';
        path += encode_path_segment(slug.substr(start, slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return path;
}

bool is_openrouter_api_host(std::string_view host)
{
    return host == "openrouter.ai" || host == "eu.openrouter.ai" || host == "us.openrouter.ai";
}

}  // namespace ngd::openrouter
