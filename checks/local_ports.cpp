// local.ports (offline): the head server's port and every port written for a server must be
// free on this machine, and the port range must have room for the servers without one.
// NeMo Gym checks neither: an explicit port is only added to the disallowed list, and an old
// `gym env start` still holding 11000 makes the new head server fail to bind.
#include "checks/checks.hpp"
#include "checks/run_inputs.hpp"
#include "checks/shell_command.hpp"
#include "config/servers.hpp"
#include "doctor/run_context.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ngd::checks {
namespace {

using config::node;
using net::error_class;

struct wanted_port {
    std::string owner;  // "head_server" or the server instance
    std::string host;
    std::int64_t port = 0;
    std::string where;
};

/// Binding is what NeMo Gym's servers will do; SO_REUSEADDR as uvicorn sets it, so that
/// only a listening socket (not one in TIME_WAIT) counts as taken.
bool port_free(const std::string& host, std::int64_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return true;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1) a.sin_addr.s_addr = htonl(INADDR_ANY);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

/// The socket inodes listening on `port`, from /proc/net/tcp and tcp6.
std::set<std::string> listening_inodes(std::int64_t port)
{
    std::set<std::string> inodes;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
            const auto colon = local.rfind(':');
            if (state != "0A" || colon == std::string::npos) continue;  // 0A = LISTEN
            if (std::stoll(local.substr(colon + 1), nullptr, 16) == port) inodes.insert(inode);
        }
    }
    return inodes;
}

/// "pid 4242 (python3, NeMo Gym)" for the process holding the port, where /proc shows it.
/// Only the process name is printed: a NeMo Gym command line can hold the whole config.
std::string holder_of(std::int64_t port)
{
    const auto inodes = listening_inodes(port);
    if (inodes.empty()) return "";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string pid = entry.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::error_code fd_ec;
        for (const auto& fd : std::filesystem::directory_iterator(entry.path() / "fd", fd_ec)) {
            std::error_code link_ec;
            const auto target = std::filesystem::read_symlink(fd.path(), link_ec).string();
            if (link_ec || !target.starts_with("socket:[")) continue;
            if (!inodes.contains(target.substr(8, target.size() - 9))) continue;
            std::string comm, cmdline;
            std::getline(std::ifstream(entry.path() / "comm"), comm);
            std::getline(std::ifstream(entry.path() / "cmdline"), cmdline, '\x01');
            const bool gym = cmdline.find("nemo_gym") != std::string::npos ||
                             cmdline.find("NEMO_GYM") != std::string::npos || cmdline.find("ng_run") != std::string::npos ||
                             cmdline.find("gym\0env", 0, 7) != std::string::npos;
            return "pid " + pid + " (" + comm + (gym ? ", NeMo Gym" : "") + ")";
        }
    }
    return "another user's process";
}

std::int64_t int_or(const node* n, std::int64_t fallback)
{
    return n && n->type() == node::kind::integer ? n->as_int() : fallback;
}

std::string host_or(const node* n, const std::string& fallback)
{
    return n && n->is_string() && !n->as_string().empty() ? n->as_string() : fallback;
}

}  // namespace

result local_ports(check_context& ctx)
{
    const node& root = ctx.run.config.root;
    if (!root.is_map()) co_return doctor::skip("the config did not resolve (see config.resolve)");
    const std::string default_host = host_or(root.find("default_host"), "127.0.0.1");
    std::vector<wanted_port> wanted;
    const node* head = root.find("head_server");
    const node* head_port = head && head->is_map() ? head->find("port") : nullptr;
    wanted.push_back({"head_server", host_or(head && head->is_map() ? head->find("host") : nullptr, default_host),
                      int_or(head_port, 11000), head_port ? head_port->where().text() : "default"});
    std::int64_t without_port = 0;
    for (const auto& name : ctx.run.config.server_instances) {
        const node* instance = root.find(name);
        if (!instance || !instance->is_map() || instance->entries().empty()) continue;
        const node& by_type = instance->entries().front().second;
        if (!by_type.is_map() || by_type.entries().empty()) continue;
        const node& inner = by_type.entries().front().second;
        if (!inner.is_map()) continue;
        const node* port = inner.find("port");
        // A port the resolution drew from the range was free when drawn; only written ones can clash.
        if (!port || port->where().from == config::origin::kind::default_value || int_or(port, 0) <= 0) {
            ++without_port;
            continue;
        }
        wanted.push_back({name, host_or(inner.find("host"), default_host), port->as_int(), port->where().text()});
    }

    const std::int64_t low = int_or(root.find("port_range_low"), 10001), high = int_or(root.find("port_range_high"), 20000);
    std::set<std::int64_t> disallowed;
    if (const node* d = root.find("disallowed_ports"); d && d->is_list())
        for (const auto& p : d->items()) disallowed.insert(int_or(&p, -1));
    for (const auto& w : wanted) disallowed.insert(w.port);
    const auto free_suggestion = [&]() -> std::int64_t {
        for (std::int64_t p = low; p <= high && p < 65536; ++p)
            if (!disallowed.contains(p) && port_free(default_host, p)) return p;
        return 0;
    };

    std::vector<std::string> details;
    std::map<std::int64_t, std::string> first_owner;
    for (const auto& w : wanted) {
        const std::string where = w.where.empty() ? "" : " (" + w.where + ")";
        if (auto [it, fresh] = first_owner.emplace(w.port, w.owner); !fresh) {
            const auto other = free_suggestion();
            co_return doctor::fail(w.owner + " and " + it->second + " both want port " + std::to_string(w.port) + where +
                                       ": the second server cannot bind it",
                                   error_class::config,
                                   {"give " + w.owner + " another port" +
                                    (other ? ", e.g. " + std::to_string(other) : std::string()) +
                                    ", or leave its port unset so NeMo Gym draws one", {}},
                                   details);
        }
        if (port_free(w.host, w.port)) {
            details.push_back(w.owner + ": " + w.host + ":" + std::to_string(w.port) + " free" + where);
            continue;
        }
        const std::string holder = holder_of(w.port);
        const bool gym = holder.find("NeMo Gym") != std::string::npos;
        const auto other = free_suggestion();
        const std::string key = w.owner == "head_server" ? "head_server.port" : w.owner + "'s port";
        doctor::fix fix{(gym ? "an earlier NeMo Gym is still running: stop it (Ctrl-C in its terminal, or kill " +
                                   holder.substr(4, holder.find(' ', 4) - 4) + ")"
                             : "stop the program that holds it") +
                            ", or set " + key + (other ? " to a free port, e.g. " + std::to_string(other) : std::string()),
                        {"ss -ltnp 'sport = :" + std::to_string(w.port) + "'"}};
        if (w.owner == "head_server" && other) fix.commands.push_back(with_words("ng_run", {config_paths_word(ctx.run.config.config_paths),
                                                      override_word("head_server.port", std::to_string(other))}));
        co_return doctor::fail("port " + std::to_string(w.port) + " of " + w.owner + where + " is already in use" +
                                   (holder.empty() ? std::string() : " by " + holder),
                               error_class::config, fix, details);
    }

    std::int64_t room = 0;
    for (std::int64_t p = low; p <= high; ++p)
        if (!disallowed.contains(p)) ++room;
    if (low > high || room < without_port)
        co_return doctor::fail("the port range " + std::to_string(low) + "-" + std::to_string(high) + " has room for " +
                                   std::to_string(room) + " server(s), and " + std::to_string(without_port) +
                                   " have no port: NeMo Gym stops with \"Unable to find an open port\"",
                               error_class::config,
                               {"widen port_range_low / port_range_high (default 10001-20000), or give the servers ports", {}},
                               details);
    details.push_back(std::to_string(without_port) + " server(s) without a port draw from " + std::to_string(low) + "-" +
                      std::to_string(high) + " (" + thousands(room) + " ports allowed)");
    co_return doctor::ok(std::to_string(wanted.size()) + " port(s) written in the config are free here (head server " +
                             std::to_string(wanted.front().port) + ")",
                         details);
}

}  // namespace ngd::checks
