#pragma once

// `litestone replicate`: continuous WAL replication with Litestream, one
// replica per sqlite database of the schema. This part turns the replicate
// config into Litestream's YAML; the CLI runs the litestream binary with it.
//
// Config (JSON):
//   {"replicas": {"main": "backups/main",             // a folder: file replica
//                 "archive": "s3://bucket/archive"},  // an S3-compatible URL
//    "s3": {"endpoint": "http://127.0.0.1:4569", "region": "us-east-1",
//           "access_key_id": "...", "secret_access_key": "...",
//           "force_path_style": true},                // optional, for S3 replicas
//    "sync_interval": "1s"}                           // optional
// Relative paths are taken from the folder of the config file.

#include <string>
#include <vector>

#include "litestone/client.hpp"
#include "litestone/json.hpp"

namespace litestone::migrate {

struct Replica {
  std::string database;  // block name
  std::string db_path;   // absolute path of the live database
  std::string replica;   // absolute folder or s3:// URL
};

struct ReplicationPlan {
  std::vector<Replica> replicas;
  std::string yaml;  // Litestream's config
};

// Checks the config against db's databases and builds the Litestream config.
// base_dir anchors relative replica paths. Throws QueryError
// REPLICATE_BAD_CONFIG naming the key and the allowed values.
ReplicationPlan planReplication(const Client& db, const json& config, const std::string& base_dir);

}  // namespace litestone::migrate
