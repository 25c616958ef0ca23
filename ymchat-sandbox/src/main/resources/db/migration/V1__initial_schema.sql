-- The sandbox's state: the Market side (businesses, campaigns, buyers, orders, returns),
-- the credentials sellers use, and the chats with their messages and files.

CREATE TABLE id_counter (
  name       VARCHAR(32) PRIMARY KEY,
  next_value BIGINT      NOT NULL
);

-- Realistic-looking starting points; ids are handed out under the store's write lock.
INSERT INTO id_counter (name, next_value) VALUES
  ('chat', 10000),
  ('message', 100000),
  ('order', 52000000),
  ('return', 1300000),
  ('buyer', 1),
  ('file', 1),
  ('campaign', 21000000),
  ('business', 5000);

CREATE TABLE business (
  id         BIGINT       PRIMARY KEY,
  name       VARCHAR(255) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE campaign (
  id          BIGINT PRIMARY KEY,
  business_id BIGINT NOT NULL REFERENCES business (id)
);

CREATE TABLE credential (
  token_sha256 VARCHAR(64) PRIMARY KEY,
  kind         VARCHAR(16) NOT NULL,
  business_id  BIGINT      NOT NULL REFERENCES business (id),
  scope        VARCHAR(32) NOT NULL
);

CREATE TABLE buyer (
  id        BIGINT       PRIMARY KEY,
  name      VARCHAR(255) NOT NULL,
  public_id VARCHAR(64)  NOT NULL
);

CREATE TABLE market_order (
  id          BIGINT PRIMARY KEY,
  business_id BIGINT NOT NULL REFERENCES business (id),
  campaign_id BIGINT NOT NULL REFERENCES campaign (id),
  buyer_id    BIGINT NOT NULL REFERENCES buyer (id),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE market_return (
  id         BIGINT PRIMARY KEY,
  order_id   BIGINT NOT NULL REFERENCES market_order (id),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE chat (
  id           BIGINT      PRIMARY KEY,
  business_id  BIGINT      NOT NULL REFERENCES business (id),
  context_type VARCHAR(16) NOT NULL,
  context_key  VARCHAR(64) UNIQUE,
  campaign_id  BIGINT,
  order_id     BIGINT,
  return_id    BIGINT,
  buyer_id     BIGINT      NOT NULL REFERENCES buyer (id),
  chat_type    VARCHAR(16) NOT NULL,
  status       VARCHAR(32) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX chat_business_id ON chat (business_id, id);

CREATE TABLE message (
  id         BIGINT      PRIMARY KEY,
  chat_id    BIGINT      NOT NULL REFERENCES chat (id),
  sender     VARCHAR(16) NOT NULL,
  body       CHARACTER VARYING(16384),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX message_chat_id ON message (chat_id, id);

CREATE TABLE stored_file (
  id           BIGINT        PRIMARY KEY,
  message_id   BIGINT        NOT NULL REFERENCES message (id),
  download_key VARCHAR(64)   NOT NULL UNIQUE,
  name         VARCHAR(1024) NOT NULL,
  content_type VARCHAR(255)  NOT NULL,
  size_bytes   INT           NOT NULL,
  content      BINARY LARGE OBJECT NOT NULL
);

CREATE INDEX stored_file_message_id ON stored_file (message_id);
