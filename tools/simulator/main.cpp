// ngdoctor-sim: a local, scriptable OpenRouter for tests, demos and benchmarks.
#include "simulator/certificates.hpp"
#include "simulator/clock.hpp"
#include "simulator/options.hpp"
#include "simulator/request_log.hpp"
#include "simulator/router.hpp"
#include "simulator/scenario_load.hpp"
#include "simulator/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>

namespace {

namespace asio = boost::asio;
using namespace ngd::sim;

int fail(const std::string& message, int code)
{
    std::cerr << "ngdoctor-sim: " << message << "\n";
    return code;
}

std::unique_ptr<asio::ssl::context> tls_for(const options& o, const scenario& world, std::string& error)
{
    if (o.generate_ca) {
        error = generate_certificates(*o.generate_ca, world.hosts());
        if (!error.empty()) return nullptr;
        return make_tls_context(files_in(*o.generate_ca), error);
    }
    if (o.cert_dir) return make_tls_context(files_in(*o.cert_dir), error);
    return nullptr;
}

int serve(const options& o, scenario& world)
{
    std::string error;
    const auto tls = tls_for(o, world, error);
    if (!error.empty()) return fail(error, 1);

    std::unique_ptr<request_log> log;
    if (o.log) {
        log = std::make_unique<request_log>(*o.log);
        if (!log->ok()) return fail("cannot write the log " + o.log->string(), 1);
    }
    router routes(world, log.get());

    asio::io_context io(1);
    boost::system::error_code bad_address;
    const auto address = asio::ip::make_address(o.bind, bad_address);
    if (bad_address) return fail("--bind " + o.bind + ": not an IP address", 2);
    std::optional<server> listener;
    try {
        listener.emplace(io, asio::ip::tcp::endpoint(address, o.port), routes, tls.get());
    } catch (const boost::system::system_error& e) {
        return fail("cannot listen on " + o.bind + ":" + std::to_string(o.port) + ": " + e.code().message(), 1);
    }
    listener->start();

    asio::signal_set stop_signals(io, SIGINT, SIGTERM);
    stop_signals.async_wait([&](const boost::system::error_code&, int) {
        listener->stop();
        io.stop();
    });
    std::signal(SIGPIPE, SIG_IGN);

    const auto endpoint = listener->local_endpoint();
    std::cout << "listening on " << endpoint.address().to_string() << ":" << endpoint.port() << std::endl;
    io.run();
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    const auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.parsed) return fail(parsed.error + " (see --help)", 2);
    const auto& o = *parsed.parsed;
    if (o.help) {
        std::cout << usage();
        return 0;
    }
    const auto now = unix_now();
    auto loaded = o.scenario ? load_scenario_file(*o.scenario, now) : load_scenario("", now);
    if (!loaded.world) return fail(loaded.error, 2);
    // Serialize the catalog now, so the first /models is as fast as the rest.
    loaded.world->models.full_listing();
    return serve(o, *loaded.world);
}
