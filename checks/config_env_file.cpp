// config.env_file: which env.yaml NeMo Gym reads, found how, and whether it is sound: valid
// YAML (no tabs, no duplicate keys) and, when it holds a key, neither tracked by git nor
// readable by other users.
#include "checks/shell_command.hpp"
#include "checks/checks.hpp"

#include "config/interpolation.hpp"
#include "config/redact.hpp"
#include "config/search_roots.hpp"
#include "config/yaml_load.hpp"
#include "doctor/run_context.hpp"
#include "openrouter/key_mask.hpp"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace ngd::checks {
namespace {

using net::error_class;

std::string shell_quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// `git ls-files --error-unmatch` in the file's folder: read-only, and false without git.
/// The folder examined may be a stranger's repository, and its own `.git/config` can name
/// programs for git to run (`core.fsmonitor` is run by `ls-files`). So git is started
/// without a shell, with the command line's `-c` (which outranks the repository's config)
/// switching that hook off, with no system config, and without taking optional locks (so
/// nothing in the repository is written). Its exit is awaited, not waited for: the run's
/// requests, started at time zero, go on meanwhile, and the deadline ends git too.
boost::asio::awaitable<bool> tracked_by_git(const std::string& path)
{
    fs::path p(path);
    std::string folder = p.parent_path().string();
    std::string name = p.filename().string();
    std::vector<std::string> argv_text = {"git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
                                          "-C", folder, "ls-files", "--error-unmatch", "--", name};
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> env_text = {"GIT_CONFIG_NOSYSTEM=1", "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0"};
    for (const char* keep : {"PATH", "HOME", "LANG"})
        if (const char* v = std::getenv(keep)) env_text.push_back(std::string(keep) + "=" + v);
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, "git", &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    if (spawned != 0) co_return false;
    // pidfd_open(2) through syscall(): glibc 2.36's <sys/pidfd.h> does not declare it extern "C".
    if (const int exit_fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); exit_fd >= 0) {
        boost::asio::posix::stream_descriptor exited(co_await boost::asio::this_coro::executor, exit_fd);
        boost::system::error_code ec;
        co_await exited.async_wait(boost::asio::posix::descriptor_base::wait_read,
                                   boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        if (ec) ::kill(pid, SIGKILL);  // cancelled by the deadline
    }
    int status = 0;
    while (waitpid(pid, &status, 0) == -1 && errno == EINTR) {
    }
    co_return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/// The first value in env.yaml that is a secret: under a key-like name, or credential-shaped.
std::optional<std::pair<std::string, std::string>> secret_in(const config::node& n, const std::string& path = "")
{
    if (n.is_map()) {
        for (auto& [k, v] : n.entries()) {
            std::string here = path.empty() ? k : path + "." + k;
            bool named = config::nemo_gym_masks_key(k) || config::superset_masks_key(k);
            if (v.is_string() && !v.as_string().empty() && !config::has_interpolation(v.as_string()) &&
                (named || config::looks_like_credential(v.as_string())))
                return std::pair{here, v.as_string()};
            if (auto inner = secret_in(v, here)) return inner;
        }
    } else if (n.is_list()) {
        for (auto& item : n.items())
            if (auto inner = secret_in(item, path)) return inner;
    }
    return std::nullopt;
}

std::string searched_text(const config::resolution& r)
{
    std::string out;
    for (auto& c : r.env_file_candidates) out += (out.empty() ? "" : ", ") + c;
    return out;
}

bool any_target_has_key(const doctor::run_context& run)
{
    for (auto& t : run.targets)
        if (t.api_key.value && !t.api_key.value->empty() && !t.api_key.unresolved) return true;
    return false;
}

finding yaml_problem(const std::string& path, const config::config_error& e)
{
    // Not YAML at all: a folder, a pipe, a device, a file past the size limit.
    if (e.message.starts_with("Cannot read '"))
        return doctor::fail(e.message, error_class::config,
                            {"make " + path + " a regular YAML file (NeMo Gym reads the first env.yaml that "
                                              "exists, and stops when it cannot read it)",
                             {"ls -l " + shell_word(path)}});
    std::string what = "env.yaml is not valid YAML", how = "fix the YAML there as the parser's message says";
    if (e.message.find("found character '\\t'") != std::string::npos) {
        what = "env.yaml contains a tab where YAML allows only spaces";
        how = "indent with spaces only";
    } else if (e.message.find("found duplicate key") != std::string::npos) {
        what = "env.yaml sets the same key twice";
        how = "keep one of the two";
    }
    return doctor::fail(what + " (" + e.where.file + ":" + std::to_string(e.where.line) + ", column " +
                            std::to_string(e.where.column) + ")",
                        error_class::config,
                        {"edit " + path + " at line " + std::to_string(e.where.line) + ": " + how +
                             "; NeMo Gym stops with this error",
                         {"ngdoctor dump-config --env-file " + shell_word(path)}},
                        {e.printed()});
}

}  // namespace

result config_env_file(check_context& ctx)
{
    const auto& r = ctx.run.config;
    if (r.from_config_dict_env)
        co_return doctor::warn("NEMO_GYM_CONFIG_DICT is set, so NeMo Gym ignores env.yaml entirely",
                               {"unset it in this shell (NeMo Gym sets it only for its own child servers)",
                                {"unset NEMO_GYM_CONFIG_DICT"}});
    for (auto& e : r.errors)
        if (e.message.rfind("env file '", 0) == 0)
            co_return doctor::fail(e.message, error_class::config,
                                   {"pass the path of an existing env.yaml to --env-file, or leave it out to search",
                                    {}});
    if (!r.env_file) {
        std::vector<std::string> details{"looked in: " + searched_text(r)};
        if (!r.env_file_loops.empty())
            co_return doctor::warn(r.env_file_loops.front() + " is a symlink loop, so NeMo Gym treats it as missing",
                                   {"point the symlink at the env.yaml you mean, or remove it",
                                    {"ls -l " + shell_word(r.env_file_loops.front())}},
                                   details);
        if (any_target_has_key(ctx.run))
            co_return doctor::ok("no env.yaml found; none needed: the key comes from the command line or a config "
                                 "file",
                                 details);
        co_return doctor::warn("no env.yaml found, and no API key is set anywhere else",
                               {"create env.yaml in the folder you run NeMo Gym from, with policy_base_url, "
                                "policy_api_key and policy_model_name (NeMo Gym's .gitignore already lists it)",
                                {"printf 'policy_base_url: https://openrouter.ai/api/v1\\npolicy_api_key: "
                                 "<your key>\\npolicy_model_name: openai/gpt-4o-mini\\n' > env.yaml && chmod 600 "
                                 "env.yaml"}},
                               details);
    }
    const std::string path = *r.env_file;
    auto loaded = config::load_yaml_file(path, config::display_path(path, r.cwd));
    if (auto* e = std::get_if<config::config_error>(&loaded)) co_return yaml_problem(path, *e);

    const std::string why = r.env_file_from_option ? "given with --env-file"
                                                   : "the first env.yaml found in the search roots";
    std::vector<std::string> details{"searched, in order: " + searched_text(r)};
    std::vector<std::string> problems;
    doctor::fix remedy;
    if (auto secret = secret_in(std::get<config::node>(loaded))) {
        const std::string masked = openrouter::mask_key(secret->second);
        if (co_await tracked_by_git(path)) {
            problems.push_back("env.yaml holds a key (" + secret->first + " = " + masked +
                               ") and is tracked by git: a push publishes it");
            remedy.text = "stop tracking env.yaml and rotate the key at https://openrouter.ai/keys";
            remedy.commands.push_back("git -C " + shell_quote(fs::path(path).parent_path().string()) +
                                      " rm --cached env.yaml && echo env.yaml >> .gitignore");
        }
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 044)) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
            problems.push_back("env.yaml holds a key (" + secret->first + " = " + masked +
                               ") and other users can read it (mode " + mode + ")");
            if (remedy.text.empty()) remedy.text = "make env.yaml readable by you alone";
            remedy.commands.push_back("chmod 600 " + shell_quote(path));
        }
    }
    if (!problems.empty()) {
        auto summary = problems.front();
        for (std::size_t i = 1; i < problems.size(); ++i) details.insert(details.begin(), problems[i]);
        co_return doctor::warn(summary, remedy, details);
    }
    co_return doctor::ok("using " + path + " (" + why + ")", details);
}

}  // namespace ngd::checks
