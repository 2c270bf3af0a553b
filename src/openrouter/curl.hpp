#pragma once
/// The `curl` command that reproduces a request, for the fix of a finding.
#include "net/http.hpp"

#include <string>
#include <string_view>

namespace ngd::openrouter {

/// A shell line such as
///   curl https://openrouter.ai/api/v1/key -H "Authorization: Bearer $OPENROUTER_API_KEY"
/// The key is always the variable `$<key_variable>`, never its value (a value that
/// happens to appear in the URL or body is masked too). A body is sent with -d '...';
/// methods other than GET/POST get -X. Arguments are single-quoted when the shell would
/// otherwise read them.
std::string curl_line(const net::request& req, std::string_view key_variable = "OPENROUTER_API_KEY");

/// `text` quoted for a POSIX shell when it holds anything but safe characters.
std::string shell_quote(std::string_view text);

}  // namespace ngd::openrouter
