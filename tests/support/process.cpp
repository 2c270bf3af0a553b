#include "support/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ngd::test {
namespace {

void set_environment(const std::map<std::string, std::optional<std::string>>& env)
{
    for (const auto& [name, value] : env) {
        if (value)
            ::setenv(name.c_str(), value->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
}

}  // namespace

run_result run(const std::filesystem::path& program, const std::vector<std::string>& args,
               const run_options& options)
{
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) || ::pipe2(out_pipe, O_CLOEXEC) || ::pipe2(err_pipe, O_CLOEXEC))
        throw std::runtime_error("pipe failed");

    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
        set_environment(options.env);
        std::vector<std::string> argv_text{program.string()};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);

    // Feed stdin without blocking on a child that never reads it.
    ::signal(SIGPIPE, SIG_IGN);
    std::size_t written = 0;
    if (options.input.empty()) {
        ::close(in_pipe[1]);
        in_pipe[1] = -1;
    } else {
        ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
    }

    run_result result;
    const auto give_up = std::chrono::steady_clock::now() + options.limit;
    bool out_open = true, err_open = true;
    char buffer[65536];
    while (out_open || err_open) {
        pollfd fds[3];
        nfds_t count = 0;
        if (out_open) fds[count++] = {out_pipe[0], POLLIN, 0};
        if (err_open) fds[count++] = {err_pipe[0], POLLIN, 0};
        if (in_pipe[1] >= 0) fds[count++] = {in_pipe[1], POLLOUT, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            give_up - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        if (::poll(fds, count, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
        for (nfds_t i = 0; i < count; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in_pipe[1]) {
                const auto n = ::write(in_pipe[1], options.input.data() + written, options.input.size() - written);
                if (n > 0) written += static_cast<std::size_t>(n);
                if (n < 0 || written == options.input.size()) {
                    ::close(in_pipe[1]);
                    in_pipe[1] = -1;
                }
                continue;
            }
            const auto n = ::read(fds[i].fd, buffer, sizeof buffer);
            const bool is_out = fds[i].fd == out_pipe[0];
            if (n <= 0) {
                (is_out ? out_open : err_open) = false;
                continue;
            }
            (is_out ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
        }
    }
    if (in_pipe[1] >= 0) ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status))
        result.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.exit_code = 128 + WTERMSIG(status);
    return result;
}

std::filesystem::path staged_binary(const std::string& name)
{
    if (const char* dir = std::getenv("NGDOCTOR_BIN_DIR")) return std::filesystem::path(dir) / name;
    // Tests are staged in bin/<variant>/tests/, the programs one folder up.
    const auto here = std::filesystem::read_symlink("/proc/self/exe").parent_path();
    if (std::filesystem::exists(here / name)) return here / name;
    return here.parent_path() / name;
}

}  // namespace ngd::test
