#include "checks/shell_command.hpp"

#include "openrouter/curl.hpp"

namespace ngd::checks {

std::string shell_word(std::string_view text)
{
    return openrouter::shell_quote(text);
}

std::string override_word(std::string_view key, std::string_view value)
{
    return shell_word("++" + std::string(key) + "=" + std::string(value));
}

std::string config_paths_word(const std::vector<std::string>& paths)
{
    if (paths.empty()) return {};
    std::string list;
    for (const auto& p : paths) list += (list.empty() ? "" : ",") + p;
    return override_word("config_paths", "[" + list + "]");
}

std::string with_words(std::string command, const std::vector<std::string>& words)
{
    for (const auto& w : words)
        if (!w.empty()) command += " " + w;
    return command;
}

namespace {

bool looks_secret(std::string_view key)
{
    for (const std::string_view word : {"key", "token", "secret", "password"})
        if (key.find(word) != std::string_view::npos) return true;
    return false;
}

}  // namespace

std::string prompt_then_dump_config(std::string_view key)
{
    // The value is read into a variable and expanded inside double quotes, so whatever the
    // user types stays one argument and never reaches the terminal when it is a secret.
    return std::string(looks_secret(key) ? "read -rs" : "read -r") + " value && ngdoctor dump-config " +
           shell_word("++" + std::string(key) + "=") + "\"$value\"";
}

std::string prompt_and_export(std::string_view variable)
{
    const std::string name = shell_word(variable);
    return "read -rs " + name + " && export " + name;
}

}  // namespace ngd::checks
