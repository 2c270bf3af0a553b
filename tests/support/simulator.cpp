#include "support/simulator.hpp"

#include "support/process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace ngd::test {
namespace {

// Generous: a sanitizer build making certificates on a busy machine. Not a timing assertion.
constexpr auto startup_limit = std::chrono::seconds(60);

pid_t spawn(const std::filesystem::path& program, const std::vector<std::string>& args, int stdout_fd, int stderr_fd)
{
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    ::dup2(stdout_fd, 1);
    ::dup2(stderr_fd, 2);
    std::vector<std::string> text{program.string()};
    text.insert(text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : text) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
}

// Reads stdout until the first newline or until the child closes it, within the limit.
std::string first_line(int fd)
{
    std::string line;
    const auto give_up = std::chrono::steady_clock::now() + startup_limit;
    while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) break;
        char buffer[256];
        const auto n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        line.append(buffer, static_cast<std::size_t>(n));
    }
    return line.substr(0, line.find('\n'));
}

unsigned short port_of(const std::string& line)
{
    const std::string prefix = "listening on ";
    const auto colon = line.rfind(':');
    if (line.rfind(prefix, 0) != 0 || colon == std::string::npos) return 0;
    try {
        const int port = std::stoi(line.substr(colon + 1));
        return port > 0 && port < 65536 ? static_cast<unsigned short>(port) : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

std::vector<std::string> lines_of(const std::filesystem::path& file)
{
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace

simulator::simulator(std::string_view scenario_json, const std::vector<std::string>& extra_args)
{
    std::vector<std::string> args{"--generate-ca", (dir_.path() / "ca").string(), "--log", log_file().string()};
    if (!scenario_json.empty()) {
        args.push_back("--scenario");
        args.push_back(dir_.write("scenario.json", scenario_json).string());
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const int err = ::open((dir_.path() / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    pid_ = spawn(staged_binary("ngdoctor-sim"), args, out[1], err);
    ::close(out[1]);
    if (err >= 0) ::close(err);
    const auto line = first_line(out[0]);
    // Nothing else comes on stdout; closing our end is safe because the simulator ignores SIGPIPE.
    ::close(out[0]);
    port_ = port_of(line);
    if (pid_ < 0 || port_ == 0) {
        stop();
        throw std::runtime_error("ngdoctor-sim did not start (first line: \"" + line + "\"): " + stderr_text());
    }
    hosts_ = lines_of(dir_.path() / "ca" / "hosts.txt");
}

simulator::~simulator() { stop(); }

int simulator::stop()
{
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, SIGTERM);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
}

std::filesystem::path simulator::ca_file() const { return dir_.path() / "ca" / "ca.pem"; }

std::filesystem::path simulator::log_file() const { return dir_.path() / "requests.jsonl"; }

std::vector<std::string> simulator::connect_to_values() const
{
    std::vector<std::string> values;
    for (const auto& host : hosts_) values.push_back(host + ":443:127.0.0.1:" + std::to_string(port_));
    return values;
}

std::vector<std::string> simulator::connect_to_args() const
{
    std::vector<std::string> args;
    for (const auto& value : connect_to_values()) {
        args.push_back("--connect-to");
        args.push_back(value);
    }
    return args;
}

std::string simulator::plain_base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v1"; }

std::vector<std::string> simulator::log_lines() const { return lines_of(log_file()); }

std::string simulator::stderr_text() const { return temp_dir::read(dir_.path() / "stderr.txt"); }

}  // namespace ngd::test
