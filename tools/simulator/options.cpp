#include "simulator/options.hpp"

#include <boost/program_options.hpp>

#include <sstream>

namespace ngd::sim {
namespace {

namespace po = boost::program_options;

po::options_description described()
{
    po::options_description d("Options");
    d.add_options()
        ("help,h", "print this help and exit")
        ("bind", po::value<std::string>()->value_name("ADDRESS"), "address to listen on (default 127.0.0.1)")
        ("port", po::value<unsigned short>()->value_name("PORT"), "port to listen on (default 0: any free port)")
        ("scenario", po::value<std::string>()->value_name("FILE"), "the simulated world, JSON (default: one valid key, 320 models)")
        ("generate-ca", po::value<std::string>()->value_name("DIR"),
         "make a throw-away CA (DIR/ca.pem) and a server certificate for every simulated host, and serve TLS with it")
        ("cert-dir", po::value<std::string>()->value_name("DIR"), "serve TLS with DIR/server.pem and DIR/server-key.pem")
        ("log", po::value<std::string>()->value_name("FILE"), "append one JSON line per request (never a key)");
    return d;
}

}  // namespace

std::string usage()
{
    std::ostringstream text;
    text << "Usage: ngdoctor-sim [--scenario FILE] [--generate-ca DIR | --cert-dir DIR] [--log FILE]\n"
            "                    [--bind ADDRESS] [--port PORT]\n\n"
            "A local OpenRouter: openrouter.ai's API under /api/v1 and the status pages of\n"
            "OpenAI, Anthropic/Claude and OpenRouter, chosen by the Host header, over plain HTTP\n"
            "and TLS on one port. Prints \"listening on ADDRESS:PORT\" once ready; SIGTERM or\n"
            "SIGINT stops it. The scenario format is described in docs/simulator.md.\n\n"
         << described();
    return text.str();
}

options_result parse_options(const std::vector<std::string>& args)
{
    po::variables_map values;
    try {
        po::store(po::command_line_parser(args).options(described()).run(), values);
        po::notify(values);
    } catch (const po::error& e) {
        return {std::nullopt, e.what()};
    }
    options o;
    o.help = values.count("help") > 0;
    if (values.count("bind")) o.bind = values["bind"].as<std::string>();
    if (values.count("port")) o.port = values["port"].as<unsigned short>();
    if (values.count("scenario")) o.scenario = values["scenario"].as<std::string>();
    if (values.count("generate-ca")) o.generate_ca = values["generate-ca"].as<std::string>();
    if (values.count("cert-dir")) o.cert_dir = values["cert-dir"].as<std::string>();
    if (values.count("log")) o.log = values["log"].as<std::string>();
    if (o.generate_ca && o.cert_dir) return {std::nullopt, "--generate-ca and --cert-dir exclude each other"};
    return {o, {}};
}

}  // namespace ngd::sim
