#pragma once
/// The commands of a fix, written to run as printed in bash: values quoted for the shell,
/// the user's real config paths, and a prompt where only the user knows the value.
#include <string>
#include <string_view>
#include <vector>

namespace ngd::checks {

/// `text` as one shell word (single quotes only when needed).
std::string shell_word(std::string_view text);

/// A Hydra override that adds or replaces `key`, as one shell word: '++key=value'.
std::string override_word(std::string_view key, std::string_view value);

/// '++config_paths=[a.yaml,b.yaml]' for the run's config files; "" when there are none.
std::string config_paths_word(const std::vector<std::string>& paths);

/// `command` followed by the config paths word and `more` words, space-separated.
std::string with_words(std::string command, const std::vector<std::string>& words);

/// Asks the user for `key`'s value (silently when it looks secret), then runs
/// `ngdoctor dump-config ++key=<what they typed>`.
std::string prompt_then_dump_config(std::string_view key);

/// Asks the user for an environment variable's value silently and exports it.
std::string prompt_and_export(std::string_view variable);

}  // namespace ngd::checks
