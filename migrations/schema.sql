-- The schema after every migration (pg_dump 15 --schema-only --no-owner --no-privileges).
-- Written by `npm run schema:dump`, checked by test/migrations/schema.test.ts: do not edit by hand.

--
-- PostgreSQL database dump
--

--
-- Name: btree_gin; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

--
-- Name: EXTENSION btree_gin; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gin IS 'support for indexing common datatypes in GIN';

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

--
-- Name: analyze_leads(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analyze_leads(p_columns text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public'
    AS $$
    BEGIN
      IF p_columns IS NULL THEN
        ANALYZE leads;
      ELSE
        EXECUTE format('ANALYZE leads (%s)', (SELECT string_agg(quote_ident(c), ', ') FROM unnest(p_columns) c));
      END IF;
    END $$;

--
-- Name: audit_log_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;

--
-- Name: consents_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.consents_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.ip IS NULL
           AND to_jsonb(NEW) - 'ip' - 'erased_at' - 'updated_at' = to_jsonb(OLD) - 'ip' - 'erased_at' - 'updated_at' THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION 'consents are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;

--
-- Name: leads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.leads (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_number text NOT NULL,
    first_name text,
    last_name text,
    email text,
    email_canonical text,
    phone text,
    phone_e164 text,
    alt_phone text,
    company text,
    company_normalized text,
    job_title text,
    website text,
    industry text,
    gstin text,
    address text,
    city text,
    state text,
    country text,
    postal_code text,
    language text,
    source text,
    subsource text,
    campaign text,
    utm_source text,
    utm_medium text,
    utm_campaign text,
    utm_term text,
    utm_content text,
    referrer text,
    landing_page text,
    owner_id uuid,
    team_id uuid,
    status text DEFAULT 'new'::text NOT NULL,
    stage text DEFAULT 'lead'::text NOT NULL,
    lead_score integer DEFAULT 0 NOT NULL,
    grade text,
    priority text DEFAULT 'medium'::text NOT NULL,
    budget numeric(15,2),
    budget_currency text,
    authority text,
    need text,
    timeline text,
    product_interest text,
    message text,
    gdpr_consent boolean DEFAULT false NOT NULL,
    consent_at timestamp with time zone,
    dnd boolean DEFAULT false NOT NULL,
    opt_in_at timestamp with time zone,
    is_duplicate boolean DEFAULT false NOT NULL,
    duplicate_of_id uuid,
    spam_score numeric(5,2) DEFAULT '0'::numeric NOT NULL,
    validation_status text DEFAULT 'valid'::text NOT NULL,
    validation_notes jsonb DEFAULT '[]'::jsonb NOT NULL,
    converted_at timestamp with time zone,
    converted_account_id uuid,
    converted_contact_id uuid,
    converted_opportunity_id uuid,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    inbound_event_id uuid,
    last_activity_at timestamp with time zone,
    first_contacted_at timestamp with time zone,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    partner_id uuid,
    form_id uuid,
    consent jsonb,
    phone_national text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ((((((((((((((COALESCE(first_name, ''::text) || ' '::text) || COALESCE(last_name, ''::text)) || ' '::text) || COALESCE(company, ''::text)) || ' '::text) || COALESCE(email, ''::text)) || ' '::text) || COALESCE(phone_e164, ''::text)) || ' '::text) || COALESCE(phone_national, ''::text)) || ' '::text) || COALESCE(city, ''::text)) || ' '::text) || lead_number))) STORED,
    email_key text,
    email_local text,
    name_key text COLLATE pg_catalog."C",
    company_key text COLLATE pg_catalog."C",
    pan text,
    import_id uuid,
    import_row integer,
    behaviour_score integer DEFAULT 0 NOT NULL,
    score_version integer,
    decayed_at timestamp with time zone,
    assignment_rule_id uuid,
    assignment_version integer,
    assigned_at timestamp with time zone,
    sla_due_at timestamp with time zone,
    sla_breached_at timestamp with time zone,
    time_zone text,
    negotiation_at timestamp with time zone,
    erased_at timestamp with time zone,
    additional_emails text[] DEFAULT '{}'::text[] NOT NULL,
    additional_email_keys text[] DEFAULT '{}'::text[] NOT NULL,
    additional_phones text[] DEFAULT '{}'::text[] NOT NULL,
    search_text text GENERATED ALWAYS AS (lower(((((((((((COALESCE(email, ''::text) || ' '::text) || COALESCE(company, ''::text)) || ' '::text) || lead_number) || ' '::text) || regexp_replace(COALESCE(phone_e164, ''::text), '[^0-9]'::text, ''::text, 'g'::text)) || ' '::text) || regexp_replace(COALESCE(phone, ''::text), '[^0-9]'::text, ''::text, 'g'::text)) || ' '::text) || regexp_replace(COALESCE(alt_phone, ''::text), '[^0-9]'::text, ''::text, 'g'::text)))) STORED,
    CONSTRAINT leads_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text, 'urgent'::text]))),
    CONSTRAINT leads_status_check CHECK ((status = ANY (ARRAY['new'::text, 'contacted'::text, 'qualified'::text, 'unqualified'::text, 'nurturing'::text, 'converted'::text, 'lost'::text]))),
    CONSTRAINT leads_validation_status_check CHECK ((validation_status = ANY (ARRAY['valid'::text, 'partial'::text, 'invalid'::text])))
);
ALTER TABLE ONLY public.leads ALTER COLUMN search SET STATISTICS 1000;
ALTER TABLE ONLY public.leads ALTER COLUMN search_text SET STATISTICS 1000;

ALTER TABLE ONLY public.leads FORCE ROW LEVEL SECURITY;

--
-- Name: dedup_batch_candidates(uuid, text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dedup_batch_candidates(p_tenant uuid, p_emails text[], p_phones text[]) RETURNS SETOF public.leads
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('dedup-tenant:' || p_tenant, 0));
  RETURN QUERY
  WITH ids AS (
    SELECT x.id FROM unnest(p_emails) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.email_key = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.phone_e164 = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.tenant_id = p_tenant AND l.deleted_at IS NULL AND l.alt_phone = k LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_emails) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.additional_email_keys @> ARRAY[k] AND l.tenant_id = p_tenant AND l.deleted_at IS NULL LIMIT 10) x
    UNION
    SELECT x.id FROM unnest(p_phones) k CROSS JOIN LATERAL
      (SELECT l.id FROM leads l WHERE l.additional_phones @> ARRAY[k] AND l.tenant_id = p_tenant AND l.deleted_at IS NULL LIMIT 10) x
  )
  SELECT l.* FROM ids JOIN leads l ON l.id = ids.id;
END
$$;

--
-- Name: dedup_candidates(uuid, text[], text, text, text, text, text, text, text, boolean, uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dedup_candidates(p_tenant uuid, p_locks text[], p_email text, p_phone1 text, p_phone2 text, p_local text, p_pan text, p_company text, p_name text, p_by_name boolean, p_exclude uuid[]) RETURNS TABLE(id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text, phone_e164 text, alt_phone text, company text, gstin text, pan text, city text, country text, status text, owner_id uuid, last_activity_at timestamp with time zone, created_at timestamp with time zone, phone_shared_by integer, email_shared_by integer, additional_emails text[], additional_email_keys text[], additional_phones text[])
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('dedup-tenant:' || p_tenant, 0));
  PERFORM pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) k ORDER BY 1) s;
  IF p_by_name THEN PERFORM set_config('pg_trgm.similarity_threshold', '0.6', true); END IF;
  RETURN QUERY
  WITH ce AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at FROM leads x WHERE p_email IS NOT NULL AND x.additional_email_keys @> ARRAY[p_email]
  ), cp AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at FROM leads x WHERE x.additional_phones && array_remove(ARRAY[p_phone1, p_phone2], NULL)
  ), c AS (
    (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_key = p_email LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.phone_e164 IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.alt_phone IN (p_phone1, p_phone2) LIMIT 20)
    UNION (SELECT x.id FROM ce x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL LIMIT 20)
    UNION (SELECT x.id FROM cp x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_local = p_local LIMIT 20)
    UNION (SELECT x.id FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.pan = p_pan LIMIT 20)
    UNION (SELECT n.id FROM (
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = p_company
           AND x.name_key >= p_name ORDER BY x.name_key LIMIT 10)
        UNION ALL
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = p_company
           AND x.name_key < p_name ORDER BY x.name_key DESC LIMIT 5)
      ) n WHERE similarity(n.name_key, p_name) >= 0.3)
    UNION (SELECT x.id FROM leads x WHERE p_by_name AND x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.name_key % p_name
           ORDER BY x.name_key <-> p_name LIMIT 10)
  )
  SELECT l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone, l.company,
    l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
    CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
      AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int,
    CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
      AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int,
    l.additional_emails, l.additional_email_keys, l.additional_phones
  FROM c JOIN leads l ON l.id = c.id
  WHERE p_exclude IS NULL OR l.id <> ALL (p_exclude);
END
$$;

--
-- Name: dedup_candidates_batch(uuid, text[], jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dedup_candidates_batch(p_tenant uuid, p_locks text[], p_requests jsonb) RETURNS TABLE(request integer, id uuid, lead_number text, first_name text, last_name text, email text, email_canonical text, phone_e164 text, alt_phone text, company text, gstin text, pan text, city text, country text, status text, owner_id uuid, last_activity_at timestamp with time zone, created_at timestamp with time zone, phone_shared_by integer, email_shared_by integer, additional_emails text[], additional_email_keys text[], additional_phones text[])
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('dedup-tenant:' || p_tenant, 0));
  PERFORM pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(p_locks) k ORDER BY 1) s;
  IF p_requests @> '[{"by_name": true}]' THEN PERFORM set_config('pg_trgm.similarity_threshold', '0.6', true); END IF;
  RETURN QUERY
  WITH r AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset(p_requests)
      AS r(i int, email text, phone1 text, phone2 text, local text, pan text, company text, name text, by_name boolean, self_id uuid)
  ), ae AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at, x.additional_email_keys FROM leads x
    WHERE x.additional_email_keys && (SELECT array_agg(r.email) FROM r WHERE r.email IS NOT NULL)
  ), ap AS MATERIALIZED (
    SELECT x.id, x.tenant_id, x.deleted_at, x.additional_phones FROM leads x
    WHERE x.additional_phones && (SELECT array_agg(p) FROM r, unnest(ARRAY[r.phone1, r.phone2]) p WHERE p IS NOT NULL)
  ), c AS (
    SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_key = r.email LIMIT 20) x
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.phone_e164 IN (r.phone1, r.phone2) LIMIT 20) x
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.alt_phone IN (r.phone1, r.phone2) LIMIT 20) x
    UNION SELECT r.i, x.id FROM ae x JOIN r ON x.additional_email_keys @> ARRAY[r.email]
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL
    UNION SELECT r.i, x.id FROM ap x JOIN r ON x.additional_phones && array_remove(ARRAY[r.phone1, r.phone2], NULL)
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.email_local = r.local LIMIT 20) x
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.pan = r.pan LIMIT 20) x
    UNION SELECT r.i, n.id FROM r CROSS JOIN LATERAL (
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = r.company
           AND x.name_key >= r.name ORDER BY x.name_key LIMIT 10)
        UNION ALL
        (SELECT x.id, x.name_key FROM leads x WHERE x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.company_key = r.company
           AND x.name_key < r.name ORDER BY x.name_key DESC LIMIT 5)
      ) n WHERE similarity(n.name_key, r.name) >= 0.3
    UNION SELECT r.i, x.id FROM r CROSS JOIN LATERAL (SELECT x.id FROM leads x
      WHERE r.by_name AND x.tenant_id = p_tenant AND x.deleted_at IS NULL AND x.name_key % r.name
      ORDER BY x.name_key <-> r.name LIMIT 10) x
  ), k AS MATERIALIZED (
    SELECT c.i, c.id FROM c JOIN r ON r.i = c.i WHERE r.self_id IS NULL OR c.id <> r.self_id
  ), l AS (
    SELECT l.id, l.lead_number, l.first_name, l.last_name, l.email, l.email_canonical, l.phone_e164, l.alt_phone, l.company,
      l.gstin, l.pan, l.city, l.country, l.status, l.owner_id, l.last_activity_at, l.created_at,
      CASE WHEN l.phone_e164 IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
        AND y.phone_e164 = l.phone_e164 AND y.deleted_at IS NULL LIMIT 10) s) END::int AS phone_shared_by,
      CASE WHEN l.email_key IS NULL THEN 0 ELSE (SELECT count(*) FROM (SELECT 1 FROM leads y WHERE y.tenant_id = p_tenant
        AND y.email_key = l.email_key AND y.deleted_at IS NULL LIMIT 10) s) END::int AS email_shared_by,
      l.additional_emails, l.additional_email_keys, l.additional_phones
    FROM (SELECT DISTINCT k.id FROM k) ids JOIN leads l ON l.id = ids.id
  )
  SELECT k.i, l.* FROM k JOIN l ON l.id = k.id;
END
$$;

--
-- Name: end_tenant_sessions(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_tenant_sessions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      UPDATE user_sessions SET ended_at = now(), end_reason = 'tenant_disabled', updated_at = now()
      WHERE tenant_id = NEW.id AND ended_at IS NULL;
      RETURN NULL;
    END $$;

--
-- Name: end_user_sessions(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.end_user_sessions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      UPDATE user_sessions SET ended_at = now(), end_reason = 'account_changed', updated_at = now()
      WHERE user_id = NEW.id AND ended_at IS NULL;
      RETURN NULL;
    END $$;

--
-- Name: leads_sync_negotiation(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.leads_sync_negotiation() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    DECLARE ids uuid[] := '{}';
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.record_type = 'lead' AND OLD.kind IN ('negotiation', 'proposal') THEN ids := ids || OLD.record_id; END IF;
      IF TG_OP <> 'DELETE' AND NEW.record_type = 'lead' AND NEW.kind IN ('negotiation', 'proposal') THEN ids := ids || NEW.record_id; END IF;
      -- updated_at moves with it: the report cube refreshes the months of changed leads.
      UPDATE leads l SET negotiation_at = m.at, updated_at = now()
        FROM (SELECT l2.id, (SELECT min(m.occurred_at) FROM milestones m WHERE m.record_type = 'lead' AND m.record_id = l2.id
                AND m.kind IN ('negotiation', 'proposal') AND m.deleted_at IS NULL) AS at
              FROM leads l2 WHERE l2.id = ANY(ids)) m
        WHERE l.id = m.id AND l.negotiation_at IS DISTINCT FROM m.at;
      RETURN NULL;
    END $$;

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    name_key text,
    type text DEFAULT 'prospect'::text NOT NULL,
    industry text,
    company_size text,
    annual_revenue numeric(15,2),
    currency text DEFAULT 'INR'::text NOT NULL,
    gstin text,
    website text,
    email_domain text,
    phone text,
    address text,
    city text,
    state text,
    country text,
    postal_code text,
    owner_id uuid,
    health_score integer,
    health_reasons jsonb DEFAULT '[]'::jsonb NOT NULL,
    lifecycle_stage text DEFAULT 'prospect'::text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    ledger_balance numeric(15,2) DEFAULT '0'::numeric NOT NULL,
    ledger_seq bigint DEFAULT '0'::bigint NOT NULL,
    CONSTRAINT accounts_type_check CHECK ((type = ANY (ARRAY['customer'::text, 'prospect'::text, 'partner'::text])))
);

ALTER TABLE ONLY public.accounts FORCE ROW LEVEL SECURITY;

--
-- Name: activities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.activities (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    record_type text DEFAULT 'lead'::text NOT NULL,
    record_id uuid NOT NULL,
    type text NOT NULL,
    action text,
    title text NOT NULL,
    body text,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    duration_minutes integer,
    outcome text,
    actor_user_id uuid,
    occurred_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT activities_record_type CHECK ((record_type = ANY (ARRAY['lead'::text, 'account'::text, 'contact'::text, 'opportunity'::text]))),
    CONSTRAINT activities_type_check CHECK ((type = ANY (ARRAY['system'::text, 'note'::text, 'call'::text, 'email'::text, 'meeting'::text, 'task'::text, 'submission'::text, 'nurture'::text])))
);

ALTER TABLE ONLY public.activities FORCE ROW LEVEL SECURITY;

--
-- Name: alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alerts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    source_type text NOT NULL,
    source_id uuid NOT NULL,
    kind text NOT NULL,
    message text NOT NULL,
    raised_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    resolved_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT alerts_kind_check CHECK ((kind = ANY (ARRAY['silent'::text, 'error_rate'::text, 'schema_drift'::text]))),
    CONSTRAINT alerts_source_type_check CHECK ((source_type = ANY (ARRAY['partner'::text, 'form'::text])))
);

ALTER TABLE ONLY public.alerts FORCE ROW LEVEL SECURITY;

--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    partner_id uuid,
    name text NOT NULL,
    key_prefix text NOT NULL,
    key_hash text NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.api_keys FORCE ROW LEVEL SECURITY;

--
-- Name: assignment_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assignment_rules (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    priority integer DEFAULT 100 NOT NULL,
    condition jsonb NOT NULL,
    target_user_id uuid,
    target_team_id uuid,
    strategy text DEFAULT 'round_robin'::text NOT NULL,
    sla_minutes integer,
    sla_action text DEFAULT 'reassign'::text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT assignment_rules_sla_action_check CHECK ((sla_action = ANY (ARRAY['reassign'::text, 'escalate'::text]))),
    CONSTRAINT assignment_rules_strategy_check CHECK ((strategy = ANY (ARRAY['round_robin'::text, 'weighted'::text, 'least_loaded'::text]))),
    CONSTRAINT assignment_rules_target CHECK (((target_user_id IS NOT NULL) OR (target_team_id IS NOT NULL)))
);

ALTER TABLE ONLY public.assignment_rules FORCE ROW LEVEL SECURITY;

--
-- Name: attachments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attachments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    inbound_event_id uuid,
    lead_id uuid,
    filename text,
    content_type text NOT NULL,
    size integer NOT NULL,
    content bytea,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.attachments FORCE ROW LEVEL SECURITY;

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    user_id uuid,
    action text NOT NULL,
    record_type text NOT NULL,
    record_id text NOT NULL,
    changes jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    record_label text
);

ALTER TABLE ONLY public.audit_log FORCE ROW LEVEL SECURITY;

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;

--
-- Name: bookings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bookings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid,
    account_id uuid,
    unit_inventory_id uuid NOT NULL,
    units integer NOT NULL,
    amount numeric(15,2) NOT NULL,
    currency text DEFAULT 'INR'::text NOT NULL,
    status text DEFAULT 'confirmed'::text NOT NULL,
    booked_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    delivery_date date,
    cancelled_at timestamp with time zone,
    cancellation_reason text,
    refund_amount numeric(15,2),
    notes text,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT bookings_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'confirmed'::text, 'on_hold'::text, 'completed'::text, 'cancelled'::text]))),
    CONSTRAINT bookings_units CHECK (((units > 0) AND (amount >= (0)::numeric))),
    CONSTRAINT bookings_who CHECK (((lead_id IS NOT NULL) OR (account_id IS NOT NULL)))
);

ALTER TABLE ONLY public.bookings FORCE ROW LEVEL SECURITY;

--
-- Name: campaigns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaigns (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    code text NOT NULL,
    type text DEFAULT 'other'::text NOT NULL,
    status text DEFAULT 'planned'::text NOT NULL,
    lead_source_id uuid,
    budget numeric(15,2),
    actual_cost numeric(15,2),
    currency text DEFAULT 'INR'::text NOT NULL,
    start_date date,
    end_date date,
    expected_roi numeric(9,2),
    description text,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT campaigns_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'active'::text, 'paused'::text, 'completed'::text, 'cancelled'::text]))),
    CONSTRAINT campaigns_type_check CHECK ((type = ANY (ARRAY['email'::text, 'social'::text, 'search'::text, 'display'::text, 'event'::text, 'referral'::text, 'print'::text, 'partner'::text, 'other'::text])))
);

ALTER TABLE ONLY public.campaigns FORCE ROW LEVEL SECURITY;

--
-- Name: consents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.consents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid,
    purpose text NOT NULL,
    granted boolean DEFAULT true NOT NULL,
    text_version text,
    text text,
    source text NOT NULL,
    form_id uuid,
    partner_id uuid,
    inbound_event_id uuid,
    ip text,
    occurred_at timestamp with time zone NOT NULL,
    erased_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.consents FORCE ROW LEVEL SECURITY;

--
-- Name: contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contacts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    account_id uuid,
    first_name text,
    last_name text,
    job_title text,
    role text,
    email text,
    email_canonical text,
    phone text,
    phone_e164 text,
    influence integer,
    preferred_channel text,
    is_primary boolean DEFAULT false NOT NULL,
    lead_id uuid,
    owner_id uuid,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT contacts_preferred_channel_check CHECK ((preferred_channel = ANY (ARRAY['whatsapp'::text, 'email'::text, 'phone'::text]))),
    CONSTRAINT contacts_role_check CHECK ((role = ANY (ARRAY['decision_maker'::text, 'influencer'::text, 'user'::text])))
);

ALTER TABLE ONLY public.contacts FORCE ROW LEVEL SECURITY;

--
-- Name: conversion_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversion_rules (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    condition jsonb NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.conversion_rules FORCE ROW LEVEL SECURITY;

--
-- Name: counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.counters (
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    value bigint DEFAULT '0'::bigint NOT NULL
);

ALTER TABLE ONLY public.counters FORCE ROW LEVEL SECURITY;

--
-- Name: custom_field_definitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.custom_field_definitions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    record_type text NOT NULL,
    name text NOT NULL,
    label text NOT NULL,
    type text NOT NULL,
    options jsonb DEFAULT '[]'::jsonb NOT NULL,
    required boolean DEFAULT false NOT NULL,
    help text,
    "position" integer DEFAULT 0 NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT custom_field_definitions_record_type_check CHECK ((record_type = ANY (ARRAY['lead'::text, 'account'::text, 'contact'::text, 'opportunity'::text]))),
    CONSTRAINT custom_field_definitions_type_check CHECK ((type = ANY (ARRAY['text'::text, 'number'::text, 'date'::text, 'boolean'::text, 'select'::text])))
);

ALTER TABLE ONLY public.custom_field_definitions FORCE ROW LEVEL SECURITY;

--
-- Name: dedup_exclusions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dedup_exclusions (
    tenant_id uuid NOT NULL,
    lead_a uuid NOT NULL,
    lead_b uuid NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.dedup_exclusions FORCE ROW LEVEL SECURITY;

--
-- Name: dedup_scans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dedup_scans (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    total integer DEFAULT 0 NOT NULL,
    processed integer DEFAULT 0 NOT NULL,
    merged integer DEFAULT 0 NOT NULL,
    reviews integer DEFAULT 0 NOT NULL,
    auto_merge boolean DEFAULT true NOT NULL,
    cursor jsonb,
    error text,
    requested_by uuid,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    import_id uuid,
    CONSTRAINT dedup_scans_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.dedup_scans FORCE ROW LEVEL SECURITY;

--
-- Name: duplicate_reviews; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.duplicate_reviews (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    candidate_lead_id uuid NOT NULL,
    score numeric(4,3) NOT NULL,
    reasons jsonb DEFAULT '[]'::jsonb NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    origin text DEFAULT 'intake'::text NOT NULL,
    resolved_by uuid,
    resolved_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT duplicate_reviews_origin_check CHECK ((origin = ANY (ARRAY['intake'::text, 'scan'::text, 'import'::text]))),
    CONSTRAINT duplicate_reviews_status_check CHECK ((status = ANY (ARRAY['open'::text, 'merged'::text, 'dismissed'::text])))
);

ALTER TABLE ONLY public.duplicate_reviews FORCE ROW LEVEL SECURITY;

--
-- Name: email_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.email_messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid,
    direction text DEFAULT 'out'::text NOT NULL,
    message_id text NOT NULL,
    from_address text,
    to_address text,
    subject text,
    status text DEFAULT 'queued'::text NOT NULL,
    sent_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    enrollment_id uuid,
    sequence_id uuid,
    step integer,
    body_text text,
    body_html text,
    due_at timestamp with time zone,
    opened_at timestamp with time zone,
    clicked_at timestamp with time zone,
    replied_at timestamp with time zone,
    unsubscribed_at timestamp with time zone,
    bounced_at timestamp with time zone,
    open_count integer DEFAULT 0 NOT NULL,
    click_count integer DEFAULT 0 NOT NULL,
    error text,
    smtp_response text,
    CONSTRAINT email_messages_direction_check CHECK ((direction = ANY (ARRAY['out'::text, 'in'::text]))),
    CONSTRAINT email_messages_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'sending'::text, 'sent'::text, 'unknown'::text, 'failed'::text, 'bounced'::text, 'not_sent'::text])))
);

ALTER TABLE ONLY public.email_messages FORCE ROW LEVEL SECURITY;

--
-- Name: engagements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.engagements (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    type text NOT NULL,
    channel text,
    inbound_event_id uuid,
    email_message_id uuid,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    occurred_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    direction text DEFAULT 'out'::text NOT NULL,
    subject text,
    notes text,
    duration_minutes integer,
    response_received boolean DEFAULT false NOT NULL,
    response_at timestamp with time zone,
    outcome text,
    created_by uuid,
    CONSTRAINT engagements_direction_check CHECK ((direction = ANY (ARRAY['out'::text, 'in'::text]))),
    CONSTRAINT engagements_outcome_check CHECK ((outcome = ANY (ARRAY['positive'::text, 'neutral'::text, 'negative'::text])))
);

ALTER TABLE ONLY public.engagements FORCE ROW LEVEL SECURITY;

--
-- Name: enrollments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enrollments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    sequence_id uuid NOT NULL,
    sequence_version integer NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    exit_reason text,
    current_step integer DEFAULT 1 NOT NULL,
    next_run_at timestamp with time zone,
    source text DEFAULT 'api'::text NOT NULL,
    enrolled_by uuid,
    enrolled_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    completed_at timestamp with time zone,
    exited_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT enrollments_exit_reason_check CHECK ((exit_reason = ANY (ARRAY['replied'::text, 'converted'::text, 'unsubscribed'::text, 'dnd'::text, 'bounced'::text, 'lost'::text, 'manual'::text, 'no_consent'::text]))),
    CONSTRAINT enrollments_source_check CHECK ((source = ANY (ARRAY['rule'::text, 'manual'::text, 'api'::text]))),
    CONSTRAINT enrollments_status_check CHECK ((status = ANY (ARRAY['active'::text, 'completed'::text, 'exited'::text])))
);

ALTER TABLE ONLY public.enrollments FORCE ROW LEVEL SECURITY;

--
-- Name: forms; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.forms (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    key text NOT NULL,
    description text,
    fields jsonb DEFAULT '[]'::jsonb NOT NULL,
    allowed_origins text[] DEFAULT '{}'::text[] NOT NULL,
    redirect_url text,
    thank_you_message text,
    consent_text text,
    source text,
    subsource text,
    campaign text,
    honeypot_field text,
    sequence_id uuid,
    owner_id uuid,
    is_active boolean DEFAULT true NOT NULL,
    last_submission_at timestamp with time zone,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.forms FORCE ROW LEVEL SECURITY;

--
-- Name: import_errors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_errors (
    id bigint NOT NULL,
    import_id uuid NOT NULL,
    row_number integer NOT NULL,
    cells jsonb NOT NULL,
    reason text NOT NULL
);

--
-- Name: import_errors_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.import_errors_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: import_errors_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.import_errors_id_seq OWNED BY public.import_errors.id;

--
-- Name: import_templates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_templates (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    mapping jsonb NOT NULL,
    defaults jsonb DEFAULT '{}'::jsonb NOT NULL,
    options jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.import_templates FORCE ROW LEVEL SECURITY;

--
-- Name: imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.imports (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    filename text NOT NULL,
    size_bytes bigint NOT NULL,
    storage_path text NOT NULL,
    status text DEFAULT 'staged'::text NOT NULL,
    encoding text NOT NULL,
    delimiter text NOT NULL,
    has_header boolean DEFAULT true NOT NULL,
    headers jsonb DEFAULT '[]'::jsonb NOT NULL,
    preview jsonb DEFAULT '[]'::jsonb NOT NULL,
    proposed_mapping jsonb DEFAULT '{}'::jsonb NOT NULL,
    mapping jsonb,
    defaults jsonb DEFAULT '{}'::jsonb NOT NULL,
    options jsonb DEFAULT '{}'::jsonb NOT NULL,
    total_rows integer DEFAULT 0 NOT NULL,
    total_exact boolean DEFAULT false NOT NULL,
    processed_rows integer DEFAULT 0 NOT NULL,
    bytes_read bigint DEFAULT '0'::bigint NOT NULL,
    imported integer DEFAULT 0 NOT NULL,
    merged integer DEFAULT 0 NOT NULL,
    flagged integer DEFAULT 0 NOT NULL,
    rejected integer DEFAULT 0 NOT NULL,
    error text,
    runs integer DEFAULT 0 NOT NULL,
    dedup_scan_id uuid,
    created_by uuid,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT imports_status_check CHECK ((status = ANY (ARRAY['staged'::text, 'queued'::text, 'running'::text, 'paused'::text, 'done'::text, 'failed'::text, 'cancelled'::text])))
);

ALTER TABLE ONLY public.imports FORCE ROW LEVEL SECURITY;

--
-- Name: inbound_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inbound_events (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    channel text NOT NULL,
    format text DEFAULT 'canonical'::text NOT NULL,
    partner_id uuid,
    api_key_id uuid,
    idempotency_key text,
    body_hash text,
    payload jsonb,
    raw text,
    content_type text,
    remote_ip text,
    status text DEFAULT 'received'::text NOT NULL,
    outcome text,
    lead_id uuid,
    error jsonb,
    attempts integer DEFAULT 0 NOT NULL,
    processed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    form_id uuid,
    vendor_id text,
    signature text,
    is_test boolean DEFAULT false NOT NULL,
    unmapped text[],
    CONSTRAINT inbound_events_channel_check CHECK ((channel = ANY (ARRAY['api'::text, 'form'::text, 'webhook'::text, 'email'::text, 'csv'::text]))),
    CONSTRAINT inbound_events_outcome_check CHECK ((outcome = ANY (ARRAY['created'::text, 'merged'::text, 'flagged_duplicate'::text, 'rejected'::text, 'ignored'::text, 'engagement'::text, 'spam'::text]))),
    CONSTRAINT inbound_events_status_check CHECK ((status = ANY (ARRAY['received'::text, 'processing'::text, 'done'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.inbound_events FORCE ROW LEVEL SECURITY;

--
-- Name: job_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.job_runs (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid,
    inbound_event_id uuid,
    queue text NOT NULL,
    job_id text,
    attempt integer DEFAULT 1 NOT NULL,
    outcome text NOT NULL,
    detail text,
    started_at timestamp with time zone NOT NULL,
    duration_ms integer NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.job_runs FORCE ROW LEVEL SECURITY;

--
-- Name: job_runs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.job_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: job_runs_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.job_runs_id_seq OWNED BY public.job_runs.id;

--
-- Name: knex_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.knex_migrations (
    id integer NOT NULL,
    name character varying(255),
    batch integer,
    migration_time timestamp with time zone
);

--
-- Name: knex_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.knex_migrations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: knex_migrations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.knex_migrations_id_seq OWNED BY public.knex_migrations.id;

--
-- Name: knex_migrations_lock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.knex_migrations_lock (
    index integer NOT NULL,
    is_locked integer
);

--
-- Name: knex_migrations_lock_index_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.knex_migrations_lock_index_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: knex_migrations_lock_index_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.knex_migrations_lock_index_seq OWNED BY public.knex_migrations_lock.index;

--
-- Name: lead_merges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_merges (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    kind text NOT NULL,
    inbound_event_id uuid,
    merged_lead_id uuid,
    review_id uuid,
    score numeric(4,3),
    reasons jsonb DEFAULT '[]'::jsonb NOT NULL,
    before jsonb DEFAULT '{}'::jsonb NOT NULL,
    taken jsonb DEFAULT '{}'::jsonb NOT NULL,
    not_taken jsonb DEFAULT '{}'::jsonb NOT NULL,
    moved jsonb DEFAULT '{}'::jsonb NOT NULL,
    incoming jsonb,
    merged_by uuid,
    undone_at timestamp with time zone,
    undone_by uuid,
    split_lead_id uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    import_id uuid,
    import_row integer,
    CONSTRAINT lead_merges_kind_check CHECK ((kind = ANY (ARRAY['submission'::text, 'lead'::text, 'import'::text])))
);

ALTER TABLE ONLY public.lead_merges FORCE ROW LEVEL SECURITY;

--
-- Name: lead_sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_sources (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    subsource text,
    channel text,
    monthly_cost numeric(15,2),
    currency text DEFAULT 'INR'::text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    description text,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT lead_sources_channel_check CHECK ((channel = ANY (ARRAY['organic'::text, 'paid'::text, 'referral'::text, 'partner'::text, 'offline'::text, 'direct'::text, 'email'::text, 'social'::text])))
);

ALTER TABLE ONLY public.lead_sources FORCE ROW LEVEL SECURITY;

--
-- Name: lead_submissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_submissions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    inbound_event_id uuid NOT NULL,
    channel text NOT NULL,
    data jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    vendor_id text,
    not_taken jsonb,
    merge_id uuid
);

ALTER TABLE ONLY public.lead_submissions FORCE ROW LEVEL SECURITY;

--
-- Name: ledger_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_entries (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    account_id uuid NOT NULL,
    type text NOT NULL,
    amount numeric(15,2) NOT NULL,
    effect numeric(15,2) NOT NULL,
    balance_after numeric(15,2) NOT NULL,
    seq bigint NOT NULL,
    currency text DEFAULT 'INR'::text NOT NULL,
    entry_date date NOT NULL,
    document_ref text,
    document_url text,
    booking_id uuid,
    description text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT ledger_entries_type_check CHECK ((type = ANY (ARRAY['invoice'::text, 'payment'::text, 'credit_note'::text, 'debit_note'::text, 'adjustment'::text])))
);

ALTER TABLE ONLY public.ledger_entries FORCE ROW LEVEL SECURITY;

--
-- Name: milestones; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.milestones (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    record_type text DEFAULT 'lead'::text NOT NULL,
    record_id uuid NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    occurred_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    location_name text,
    latitude numeric(9,6),
    longitude numeric(9,6),
    outcome text,
    duration_minutes integer,
    notes text,
    follow_up_at timestamp with time zone,
    follow_up_task_id uuid,
    status_before text,
    status_after text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    CONSTRAINT milestones_outcome_check CHECK ((outcome = ANY (ARRAY['positive'::text, 'neutral'::text, 'negative'::text])))
);

ALTER TABLE ONLY public.milestones FORCE ROW LEVEL SECURITY;

--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind text NOT NULL,
    lead_id uuid,
    subject text NOT NULL,
    body text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    digest boolean DEFAULT false NOT NULL,
    error text,
    sent_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT notifications_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sending'::text, 'sent'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.notifications FORCE ROW LEVEL SECURITY;

--
-- Name: opportunities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.opportunities (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    value numeric(15,2),
    currency text DEFAULT 'INR'::text NOT NULL,
    stage_id uuid NOT NULL,
    probability integer DEFAULT 10 NOT NULL,
    forecast_category text DEFAULT 'pipeline'::text NOT NULL,
    expected_close date,
    actual_close date,
    status text DEFAULT 'open'::text NOT NULL,
    loss_reason text,
    account_id uuid,
    primary_contact_id uuid,
    lead_id uuid,
    owner_id uuid,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    stage_changed_at timestamp with time zone,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT opportunities_forecast_category_check CHECK ((forecast_category = ANY (ARRAY['pipeline'::text, 'best_case'::text, 'commit'::text, 'closed'::text, 'omitted'::text]))),
    CONSTRAINT opportunities_status_check CHECK ((status = ANY (ARRAY['open'::text, 'won'::text, 'lost'::text])))
);

ALTER TABLE ONLY public.opportunities FORCE ROW LEVEL SECURITY;

--
-- Name: outbox_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_events (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    type text NOT NULL,
    record_type text NOT NULL,
    record_id uuid NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    dispatched_at timestamp with time zone
);

ALTER TABLE ONLY public.outbox_events FORCE ROW LEVEL SECURITY;

--
-- Name: outbox_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.outbox_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: outbox_events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.outbox_events_id_seq OWNED BY public.outbox_events.id;

--
-- Name: partners; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.partners (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    signing_secret_enc text NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    default_source text,
    is_active boolean DEFAULT true NOT NULL,
    last_delivery_at timestamp with time zone,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    secrets_enc text,
    poll_state jsonb DEFAULT '{}'::jsonb NOT NULL
);

ALTER TABLE ONLY public.partners FORCE ROW LEVEL SECURITY;

--
-- Name: pipeline_stages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pipeline_stages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    "position" integer NOT NULL,
    color text DEFAULT '#607d8b'::text NOT NULL,
    probability integer DEFAULT 10 NOT NULL,
    is_won boolean DEFAULT false NOT NULL,
    is_lost boolean DEFAULT false NOT NULL,
    allowed_next uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    task_templates jsonb DEFAULT '[]'::jsonb NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.pipeline_stages FORCE ROW LEVEL SECURITY;

--
-- Name: report_engagement_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_engagement_months (
    tenant_id uuid NOT NULL,
    month date NOT NULL,
    grain smallint NOT NULL,
    owner_id uuid,
    type text NOT NULL,
    channel text,
    count integer NOT NULL,
    responses integer NOT NULL,
    duration_sum bigint NOT NULL,
    duration_count integer NOT NULL
);

ALTER TABLE ONLY public.report_engagement_months FORCE ROW LEVEL SECURITY;

--
-- Name: report_lead_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_lead_months (
    tenant_id uuid NOT NULL,
    month date NOT NULL,
    grain smallint NOT NULL,
    owner_id uuid,
    source text,
    subsource text,
    campaign text,
    source_label text,
    subsource_label text,
    status text NOT NULL,
    depth smallint NOT NULL,
    leads integer NOT NULL,
    bookings integer NOT NULL,
    units integer NOT NULL,
    booked_amount numeric(17,2) NOT NULL
);

ALTER TABLE ONLY public.report_lead_months FORCE ROW LEVEL SECURITY;

--
-- Name: report_rollup_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_rollup_state (
    tenant_id uuid NOT NULL,
    through_day date NOT NULL,
    time_zone text NOT NULL,
    refreshed_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.report_rollup_state FORCE ROW LEVEL SECURITY;

--
-- Name: rescore_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rescore_runs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    rule_version integer NOT NULL,
    total integer DEFAULT 0 NOT NULL,
    processed integer DEFAULT 0 NOT NULL,
    changed integer DEFAULT 0 NOT NULL,
    cursor uuid,
    error text,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT rescore_runs_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.rescore_runs FORCE ROW LEVEL SECURITY;

--
-- Name: rule_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rule_versions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    version integer NOT NULL,
    rules jsonb NOT NULL,
    change text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT rule_versions_kind_check CHECK ((kind = ANY (ARRAY['scoring'::text, 'assignment'::text])))
);

ALTER TABLE ONLY public.rule_versions FORCE ROW LEVEL SECURITY;

--
-- Name: score_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.score_history (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    score integer NOT NULL,
    previous_score integer NOT NULL,
    delta integer NOT NULL,
    grade text NOT NULL,
    reason text NOT NULL,
    cause text,
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    rule_version integer,
    engagement_id uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.score_history FORCE ROW LEVEL SECURITY;

--
-- Name: score_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.score_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: score_history_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.score_history_id_seq OWNED BY public.score_history.id;

--
-- Name: scoring_rules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scoring_rules (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    condition jsonb NOT NULL,
    points integer NOT NULL,
    active boolean DEFAULT true NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.scoring_rules FORCE ROW LEVEL SECURITY;

--
-- Name: sequence_steps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sequence_steps (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    sequence_id uuid NOT NULL,
    version integer NOT NULL,
    step integer NOT NULL,
    type text NOT NULL,
    name text,
    delay_minutes integer DEFAULT 0 NOT NULL,
    business_days integer,
    until_time text,
    subject text,
    body_text text,
    body_html text,
    task_title text,
    task_body text,
    task_due_hours integer,
    condition jsonb,
    then_step integer,
    else_step integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT sequence_steps_type_check CHECK ((type = ANY (ARRAY['email'::text, 'task'::text, 'wait'::text, 'branch'::text, 'end'::text])))
);

ALTER TABLE ONLY public.sequence_steps FORCE ROW LEVEL SECURITY;

--
-- Name: sequences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sequences (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    status text DEFAULT 'active'::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    enrol_rule jsonb,
    quiet_hours jsonb,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT sequences_status_check CHECK ((status = ANY (ARRAY['active'::text, 'paused'::text, 'archived'::text])))
);

ALTER TABLE ONLY public.sequences FORCE ROW LEVEL SECURITY;

--
-- Name: stage_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stage_history (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    opportunity_id uuid NOT NULL,
    from_stage_id uuid,
    to_stage_id uuid NOT NULL,
    changed_by uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.stage_history FORCE ROW LEVEL SECURITY;

--
-- Name: stage_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.stage_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: stage_history_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.stage_history_id_seq OWNED BY public.stage_history.id;

--
-- Name: suppressions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suppressions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    email text NOT NULL,
    reason text NOT NULL,
    lead_id uuid,
    email_message_id uuid,
    created_by uuid,
    note text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    kind text DEFAULT 'email'::text NOT NULL,
    CONSTRAINT suppressions_kind_check CHECK ((kind = ANY (ARRAY['email'::text, 'phone'::text]))),
    CONSTRAINT suppressions_reason_check CHECK ((reason = ANY (ARRAY['unsubscribed'::text, 'bounced'::text, 'complained'::text, 'manual'::text, 'erased'::text])))
);

ALTER TABLE ONLY public.suppressions FORCE ROW LEVEL SECURITY;

--
-- Name: tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tasks (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    title text NOT NULL,
    body text,
    due_at timestamp with time zone,
    owner_id uuid,
    record_type text NOT NULL,
    record_id uuid NOT NULL,
    stage_id uuid,
    required boolean DEFAULT false NOT NULL,
    done_at timestamp with time zone,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    remind_at timestamp with time zone,
    reminded_at timestamp with time zone,
    CONSTRAINT tasks_record_type_check CHECK ((record_type = ANY (ARRAY['lead'::text, 'account'::text, 'contact'::text, 'opportunity'::text])))
);

ALTER TABLE ONLY public.tasks FORCE ROW LEVEL SECURITY;

--
-- Name: teams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.teams (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    manager_id uuid,
    is_active boolean DEFAULT true NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    rr_position bigint DEFAULT '0'::bigint NOT NULL
);

ALTER TABLE ONLY public.teams FORCE ROW LEVEL SECURITY;

--
-- Name: tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tenants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    default_region text DEFAULT 'IN'::text NOT NULL,
    time_zone text DEFAULT 'Asia/Kolkata'::text NOT NULL,
    currency text DEFAULT 'INR'::text NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    scoring_version integer DEFAULT 0 NOT NULL,
    assignment_version integer DEFAULT 0 NOT NULL,
    conversion_version integer DEFAULT 0 NOT NULL,
    nurture_version integer DEFAULT 0 NOT NULL,
    locale text DEFAULT 'en-IN'::text NOT NULL
);

ALTER TABLE ONLY public.tenants FORCE ROW LEVEL SECURITY;

--
-- Name: unit_inventory; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.unit_inventory (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    project text NOT NULL,
    unit_type text NOT NULL,
    units_total integer NOT NULL,
    units_booked integer DEFAULT 0 NOT NULL,
    unit_price numeric(15,2),
    currency text DEFAULT 'INR'::text NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    units_available integer GENERATED ALWAYS AS ((units_total - units_booked)) STORED,
    CONSTRAINT unit_inventory_not_overbooked CHECK (((units_booked >= 0) AND (units_booked <= units_total)))
);

ALTER TABLE ONLY public.unit_inventory FORCE ROW LEVEL SECURITY;

--
-- Name: user_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_sessions (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    end_reason text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT user_sessions_end_reason_check CHECK ((end_reason = ANY (ARRAY['logout'::text, 'logout_all'::text, 'revoked'::text, 'account_changed'::text, 'tenant_disabled'::text])))
);

ALTER TABLE ONLY public.user_sessions FORCE ROW LEVEL SECURITY;

--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL,
    team_id uuid,
    territory text,
    capacity integer,
    weight integer DEFAULT 1 NOT NULL,
    working_hours jsonb,
    time_zone text,
    out_of_office boolean DEFAULT false NOT NULL,
    phone text,
    is_platform_admin boolean DEFAULT false NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    last_login_at timestamp with time zone,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    notify_new_leads text DEFAULT 'immediate'::text NOT NULL,
    CONSTRAINT users_notify_new_leads_check CHECK ((notify_new_leads = ANY (ARRAY['immediate'::text, 'digest'::text, 'off'::text]))),
    CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'manager'::text, 'rep'::text, 'marketer'::text])))
);

ALTER TABLE ONLY public.users FORCE ROW LEVEL SECURITY;

--
-- Name: webhook_deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_deliveries (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    event_id bigint NOT NULL,
    event_type text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    response_code integer,
    response_ms integer,
    error text,
    delivered_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT webhook_deliveries_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sending'::text, 'delivered'::text, 'failed'::text, 'cancelled'::text])))
);

ALTER TABLE ONLY public.webhook_deliveries FORCE ROW LEVEL SECURITY;

--
-- Name: webhook_subscriptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_subscriptions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    url text NOT NULL,
    description text,
    events text[] NOT NULL,
    secret_enc text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_by uuid,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

ALTER TABLE ONLY public.webhook_subscriptions FORCE ROW LEVEL SECURITY;

--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);

--
-- Name: import_errors id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_errors ALTER COLUMN id SET DEFAULT nextval('public.import_errors_id_seq'::regclass);

--
-- Name: job_runs id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_runs ALTER COLUMN id SET DEFAULT nextval('public.job_runs_id_seq'::regclass);

--
-- Name: knex_migrations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.knex_migrations ALTER COLUMN id SET DEFAULT nextval('public.knex_migrations_id_seq'::regclass);

--
-- Name: knex_migrations_lock index; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.knex_migrations_lock ALTER COLUMN index SET DEFAULT nextval('public.knex_migrations_lock_index_seq'::regclass);

--
-- Name: outbox_events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_events ALTER COLUMN id SET DEFAULT nextval('public.outbox_events_id_seq'::regclass);

--
-- Name: score_history id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.score_history ALTER COLUMN id SET DEFAULT nextval('public.score_history_id_seq'::regclass);

--
-- Name: stage_history id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history ALTER COLUMN id SET DEFAULT nextval('public.stage_history_id_seq'::regclass);

--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

--
-- Name: activities activities_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activities
    ADD CONSTRAINT activities_pkey PRIMARY KEY (id);

--
-- Name: alerts alerts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_pkey PRIMARY KEY (id);

--
-- Name: api_keys api_keys_key_hash_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_unique UNIQUE (key_hash);

--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);

--
-- Name: assignment_rules assignment_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignment_rules
    ADD CONSTRAINT assignment_rules_pkey PRIMARY KEY (id);

--
-- Name: attachments attachments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_pkey PRIMARY KEY (id);

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: bookings bookings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_pkey PRIMARY KEY (id);

--
-- Name: campaigns campaigns_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_pkey PRIMARY KEY (id);

--
-- Name: consents consents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consents
    ADD CONSTRAINT consents_pkey PRIMARY KEY (id);

--
-- Name: contacts contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (id);

--
-- Name: conversion_rules conversion_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversion_rules
    ADD CONSTRAINT conversion_rules_pkey PRIMARY KEY (id);

--
-- Name: counters counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.counters
    ADD CONSTRAINT counters_pkey PRIMARY KEY (tenant_id, name);

--
-- Name: custom_field_definitions custom_field_definitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.custom_field_definitions
    ADD CONSTRAINT custom_field_definitions_pkey PRIMARY KEY (id);

--
-- Name: dedup_exclusions dedup_exclusions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_exclusions
    ADD CONSTRAINT dedup_exclusions_pkey PRIMARY KEY (lead_a, lead_b);

--
-- Name: dedup_scans dedup_scans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_scans
    ADD CONSTRAINT dedup_scans_pkey PRIMARY KEY (id);

--
-- Name: duplicate_reviews duplicate_reviews_lead_id_candidate_lead_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicate_reviews
    ADD CONSTRAINT duplicate_reviews_lead_id_candidate_lead_id_unique UNIQUE (lead_id, candidate_lead_id);

--
-- Name: duplicate_reviews duplicate_reviews_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicate_reviews
    ADD CONSTRAINT duplicate_reviews_pkey PRIMARY KEY (id);

--
-- Name: email_messages email_messages_enrollment_id_step_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_enrollment_id_step_unique UNIQUE (enrollment_id, step);

--
-- Name: email_messages email_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_pkey PRIMARY KEY (id);

--
-- Name: email_messages email_messages_tenant_id_message_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_tenant_id_message_id_unique UNIQUE (tenant_id, message_id);

--
-- Name: engagements engagements_inbound_event_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_inbound_event_id_unique UNIQUE (inbound_event_id);

--
-- Name: engagements engagements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_pkey PRIMARY KEY (id);

--
-- Name: enrollments enrollments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_pkey PRIMARY KEY (id);

--
-- Name: forms forms_key_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forms
    ADD CONSTRAINT forms_key_unique UNIQUE (key);

--
-- Name: forms forms_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forms
    ADD CONSTRAINT forms_pkey PRIMARY KEY (id);

--
-- Name: import_errors import_errors_import_id_row_number_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_errors
    ADD CONSTRAINT import_errors_import_id_row_number_unique UNIQUE (import_id, row_number);

--
-- Name: import_errors import_errors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_errors
    ADD CONSTRAINT import_errors_pkey PRIMARY KEY (id);

--
-- Name: import_templates import_templates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_templates
    ADD CONSTRAINT import_templates_pkey PRIMARY KEY (id);

--
-- Name: import_templates import_templates_tenant_id_name_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_templates
    ADD CONSTRAINT import_templates_tenant_id_name_unique UNIQUE (tenant_id, name);

--
-- Name: imports imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imports
    ADD CONSTRAINT imports_pkey PRIMARY KEY (id);

--
-- Name: inbound_events inbound_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_events
    ADD CONSTRAINT inbound_events_pkey PRIMARY KEY (id);

--
-- Name: job_runs job_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_runs
    ADD CONSTRAINT job_runs_pkey PRIMARY KEY (id);

--
-- Name: knex_migrations_lock knex_migrations_lock_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.knex_migrations_lock
    ADD CONSTRAINT knex_migrations_lock_pkey PRIMARY KEY (index);

--
-- Name: knex_migrations knex_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.knex_migrations
    ADD CONSTRAINT knex_migrations_pkey PRIMARY KEY (id);

--
-- Name: lead_merges lead_merges_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_pkey PRIMARY KEY (id);

--
-- Name: lead_sources lead_sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_sources
    ADD CONSTRAINT lead_sources_pkey PRIMARY KEY (id);

--
-- Name: lead_submissions lead_submissions_inbound_event_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_submissions
    ADD CONSTRAINT lead_submissions_inbound_event_id_unique UNIQUE (inbound_event_id);

--
-- Name: lead_submissions lead_submissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_submissions
    ADD CONSTRAINT lead_submissions_pkey PRIMARY KEY (id);

--
-- Name: leads leads_inbound_event_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_inbound_event_id_unique UNIQUE (inbound_event_id);

--
-- Name: leads leads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_pkey PRIMARY KEY (id);

--
-- Name: leads leads_tenant_id_lead_number_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_tenant_id_lead_number_unique UNIQUE (tenant_id, lead_number);

--
-- Name: ledger_entries ledger_entries_account_id_seq_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_account_id_seq_unique UNIQUE (account_id, seq);

--
-- Name: ledger_entries ledger_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY (id);

--
-- Name: milestones milestones_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_pkey PRIMARY KEY (id);

--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

--
-- Name: opportunities opportunities_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_pkey PRIMARY KEY (id);

--
-- Name: outbox_events outbox_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_events
    ADD CONSTRAINT outbox_events_pkey PRIMARY KEY (id);

--
-- Name: partners partners_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_pkey PRIMARY KEY (id);

--
-- Name: pipeline_stages pipeline_stages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pipeline_stages
    ADD CONSTRAINT pipeline_stages_pkey PRIMARY KEY (id);

--
-- Name: report_rollup_state report_rollup_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_rollup_state
    ADD CONSTRAINT report_rollup_state_pkey PRIMARY KEY (tenant_id);

--
-- Name: rescore_runs rescore_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rescore_runs
    ADD CONSTRAINT rescore_runs_pkey PRIMARY KEY (id);

--
-- Name: rule_versions rule_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rule_versions
    ADD CONSTRAINT rule_versions_pkey PRIMARY KEY (id);

--
-- Name: rule_versions rule_versions_tenant_id_kind_version_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rule_versions
    ADD CONSTRAINT rule_versions_tenant_id_kind_version_unique UNIQUE (tenant_id, kind, version);

--
-- Name: score_history score_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.score_history
    ADD CONSTRAINT score_history_pkey PRIMARY KEY (id);

--
-- Name: scoring_rules scoring_rules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scoring_rules
    ADD CONSTRAINT scoring_rules_pkey PRIMARY KEY (id);

--
-- Name: sequence_steps sequence_steps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequence_steps
    ADD CONSTRAINT sequence_steps_pkey PRIMARY KEY (id);

--
-- Name: sequence_steps sequence_steps_sequence_id_version_step_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequence_steps
    ADD CONSTRAINT sequence_steps_sequence_id_version_step_unique UNIQUE (sequence_id, version, step);

--
-- Name: sequences sequences_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequences
    ADD CONSTRAINT sequences_pkey PRIMARY KEY (id);

--
-- Name: stage_history stage_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history
    ADD CONSTRAINT stage_history_pkey PRIMARY KEY (id);

--
-- Name: suppressions suppressions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_pkey PRIMARY KEY (id);

--
-- Name: suppressions suppressions_tenant_id_email_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_tenant_id_email_unique UNIQUE (tenant_id, email);

--
-- Name: tasks tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);

--
-- Name: teams teams_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);

--
-- Name: tenants tenants_slug_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_slug_unique UNIQUE (slug);

--
-- Name: unit_inventory unit_inventory_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unit_inventory
    ADD CONSTRAINT unit_inventory_pkey PRIMARY KEY (id);

--
-- Name: user_sessions user_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_pkey PRIMARY KEY (id);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: webhook_deliveries webhook_deliveries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id);

--
-- Name: webhook_deliveries webhook_deliveries_subscription_id_event_id_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_subscription_id_event_id_unique UNIQUE (subscription_id, event_id);

--
-- Name: webhook_subscriptions webhook_subscriptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (id);

--
-- Name: accounts_gstin; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX accounts_gstin ON public.accounts USING btree (tenant_id, gstin) WHERE ((gstin IS NOT NULL) AND (deleted_at IS NULL));

--
-- Name: accounts_tenant_id_email_domain_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_tenant_id_email_domain_index ON public.accounts USING btree (tenant_id, email_domain);

--
-- Name: accounts_tenant_id_name_key_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_tenant_id_name_key_index ON public.accounts USING btree (tenant_id, name_key);

--
-- Name: activities_tenant_id_record_type_record_id_occurred_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX activities_tenant_id_record_type_record_id_occurred_at_index ON public.activities USING btree (tenant_id, record_type, record_id, occurred_at);

--
-- Name: alerts_open; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX alerts_open ON public.alerts USING btree (tenant_id, source_type, source_id, kind) WHERE (resolved_at IS NULL);

--
-- Name: api_keys_tenant_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_tenant_id_index ON public.api_keys USING btree (tenant_id);

--
-- Name: assignment_rules_tenant_id_priority_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assignment_rules_tenant_id_priority_index ON public.assignment_rules USING btree (tenant_id, priority);

--
-- Name: attachments_inbound_event_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attachments_inbound_event_id_index ON public.attachments USING btree (inbound_event_id);

--
-- Name: attachments_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attachments_lead_id_index ON public.attachments USING btree (lead_id);

--
-- Name: audit_log_tenant_id_record_type_record_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_tenant_id_record_type_record_id_index ON public.audit_log USING btree (tenant_id, record_type, record_id);

--
-- Name: audit_log_tenant_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_tenant_time ON public.audit_log USING btree (tenant_id, created_at);

--
-- Name: bookings_account_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_account_id_index ON public.bookings USING btree (account_id);

--
-- Name: bookings_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_lead_id_index ON public.bookings USING btree (lead_id);

--
-- Name: bookings_tenant_booked; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_tenant_booked ON public.bookings USING btree (tenant_id, booked_at) WHERE (deleted_at IS NULL);

--
-- Name: bookings_tenant_id_status_booked_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_tenant_id_status_booked_at_index ON public.bookings USING btree (tenant_id, status, booked_at);

--
-- Name: bookings_tenant_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_tenant_updated ON public.bookings USING btree (tenant_id, updated_at);

--
-- Name: campaigns_code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX campaigns_code ON public.campaigns USING btree (tenant_id, lower(code)) WHERE (deleted_at IS NULL);

--
-- Name: consents_tenant_id_lead_id_occurred_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX consents_tenant_id_lead_id_occurred_at_index ON public.consents USING btree (tenant_id, lead_id, occurred_at);

--
-- Name: contacts_account_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_account_id_index ON public.contacts USING btree (account_id);

--
-- Name: contacts_tenant_id_email_canonical_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_tenant_id_email_canonical_index ON public.contacts USING btree (tenant_id, email_canonical);

--
-- Name: contacts_tenant_id_phone_e164_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_tenant_id_phone_e164_index ON public.contacts USING btree (tenant_id, phone_e164);

--
-- Name: custom_field_definitions_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX custom_field_definitions_name ON public.custom_field_definitions USING btree (tenant_id, record_type, name) WHERE (deleted_at IS NULL);

--
-- Name: dedup_exclusions_lead_b_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dedup_exclusions_lead_b_index ON public.dedup_exclusions USING btree (lead_b);

--
-- Name: dedup_scans_tenant_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dedup_scans_tenant_id_created_at_index ON public.dedup_scans USING btree (tenant_id, created_at);

--
-- Name: duplicate_reviews_candidate_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX duplicate_reviews_candidate_lead_id_index ON public.duplicate_reviews USING btree (candidate_lead_id);

--
-- Name: duplicate_reviews_tenant_id_status_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX duplicate_reviews_tenant_id_status_created_at_index ON public.duplicate_reviews USING btree (tenant_id, status, created_at);

--
-- Name: email_messages_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX email_messages_lead_id_index ON public.email_messages USING btree (lead_id);

--
-- Name: email_messages_sequence_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX email_messages_sequence_id_created_at_index ON public.email_messages USING btree (sequence_id, created_at);

--
-- Name: email_messages_to; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX email_messages_to ON public.email_messages USING btree (tenant_id, lower(to_address));

--
-- Name: engagements_lead_id_occurred_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX engagements_lead_id_occurred_at_index ON public.engagements USING btree (lead_id, occurred_at);

--
-- Name: engagements_report; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX engagements_report ON public.engagements USING btree (tenant_id, occurred_at) INCLUDE (type, channel, response_received, duration_minutes, lead_id) WHERE (deleted_at IS NULL);

--
-- Name: engagements_tenant_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX engagements_tenant_time ON public.engagements USING btree (tenant_id, occurred_at);

--
-- Name: engagements_tenant_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX engagements_tenant_updated ON public.engagements USING btree (tenant_id, updated_at);

--
-- Name: enrollments_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enrollments_due ON public.enrollments USING btree (next_run_at) WHERE (status = 'active'::text);

--
-- Name: enrollments_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enrollments_lead_id_index ON public.enrollments USING btree (lead_id);

--
-- Name: enrollments_one_active; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX enrollments_one_active ON public.enrollments USING btree (lead_id, sequence_id) WHERE (status = 'active'::text);

--
-- Name: enrollments_tenant_id_sequence_id_status_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enrollments_tenant_id_sequence_id_status_index ON public.enrollments USING btree (tenant_id, sequence_id, status);

--
-- Name: forms_tenant_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX forms_tenant_id_index ON public.forms USING btree (tenant_id);

--
-- Name: imports_tenant_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX imports_tenant_id_created_at_index ON public.imports USING btree (tenant_id, created_at);

--
-- Name: inbound_events_idempotency; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX inbound_events_idempotency ON public.inbound_events USING btree (tenant_id, idempotency_key) WHERE (idempotency_key IS NOT NULL);

--
-- Name: inbound_events_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_events_pending ON public.inbound_events USING btree (created_at) WHERE (status = ANY (ARRAY['received'::text, 'processing'::text]));

--
-- Name: inbound_events_signature; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX inbound_events_signature ON public.inbound_events USING btree (tenant_id, partner_id, signature) WHERE (signature IS NOT NULL);

--
-- Name: inbound_events_tenant_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_events_tenant_id_created_at_index ON public.inbound_events USING btree (tenant_id, created_at);

--
-- Name: inbound_events_tenant_id_form_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_events_tenant_id_form_id_created_at_index ON public.inbound_events USING btree (tenant_id, form_id, created_at);

--
-- Name: inbound_events_tenant_id_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_events_tenant_id_lead_id_index ON public.inbound_events USING btree (tenant_id, lead_id);

--
-- Name: inbound_events_tenant_id_partner_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_events_tenant_id_partner_id_created_at_index ON public.inbound_events USING btree (tenant_id, partner_id, created_at);

--
-- Name: inbound_events_vendor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX inbound_events_vendor_id ON public.inbound_events USING btree (tenant_id, partner_id, vendor_id) WHERE (vendor_id IS NOT NULL);

--
-- Name: job_runs_inbound_event_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX job_runs_inbound_event_id_index ON public.job_runs USING btree (inbound_event_id);

--
-- Name: job_runs_lead_id_started_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX job_runs_lead_id_started_at_index ON public.job_runs USING btree (lead_id, started_at);

--
-- Name: lead_merges_lead_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_merges_lead_id_created_at_index ON public.lead_merges USING btree (lead_id, created_at);

--
-- Name: lead_sources_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX lead_sources_name ON public.lead_sources USING btree (tenant_id, lower(name), lower(COALESCE(subsource, ''::text))) WHERE (deleted_at IS NULL);

--
-- Name: lead_submissions_lead_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_submissions_lead_id_index ON public.lead_submissions USING btree (lead_id);

--
-- Name: leads_additional_email_keys; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_additional_email_keys ON public.leads USING gin (additional_email_keys) WITH (fastupdate=off);

--
-- Name: leads_additional_phones; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_additional_phones ON public.leads USING gin (additional_phones) WITH (fastupdate=off);

--
-- Name: leads_dedup_alt_phone; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_dedup_alt_phone ON public.leads USING btree (tenant_id, alt_phone) WHERE (alt_phone IS NOT NULL);

--
-- Name: leads_dedup_company; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_dedup_company ON public.leads USING btree (tenant_id, company_key, name_key) INCLUDE (id) WHERE ((company_key IS NOT NULL) AND (deleted_at IS NULL));

--
-- Name: leads_dedup_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_dedup_email ON public.leads USING btree (tenant_id, email_key) WHERE (email_key IS NOT NULL);

--
-- Name: leads_dedup_email_local; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_dedup_email_local ON public.leads USING btree (tenant_id, email_local) WHERE (email_local IS NOT NULL);

--
-- Name: leads_dedup_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_dedup_name ON public.leads USING gin (tenant_id, name_key public.gin_trgm_ops) WHERE (name_key IS NOT NULL);

--
-- Name: leads_dedup_pan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_dedup_pan ON public.leads USING btree (tenant_id, pan) WHERE (pan IS NOT NULL);

--
-- Name: leads_email_lower; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_email_lower ON public.leads USING btree (tenant_id, lower(email)) WHERE (email IS NOT NULL);

--
-- Name: leads_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_import ON public.leads USING btree (tenant_id, import_id) WHERE (import_id IS NOT NULL);

--
-- Name: leads_open_by_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_open_by_owner ON public.leads USING btree (owner_id) WHERE ((owner_id IS NOT NULL) AND (deleted_at IS NULL) AND (status = ANY (ARRAY['new'::text, 'contacted'::text, 'qualified'::text, 'nurturing'::text])));

--
-- Name: leads_report_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_report_owner ON public.leads USING btree (tenant_id, owner_id, created_at) INCLUDE (id, status, source, subsource, campaign, converted_at, first_contacted_at, negotiation_at) WHERE (deleted_at IS NULL);

--
-- Name: leads_report_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_report_time ON public.leads USING btree (tenant_id, created_at) INCLUDE (owner_id, id, status, source, subsource, campaign, converted_at, first_contacted_at, negotiation_at) WHERE (deleted_at IS NULL);

--
-- Name: leads_search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_search ON public.leads USING gin (search);

--
-- Name: leads_search_text; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_search_text ON public.leads USING gin (search_text public.gin_trgm_ops);

--
-- Name: leads_sla_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_sla_due ON public.leads USING btree (sla_due_at) WHERE ((sla_due_at IS NOT NULL) AND (first_contacted_at IS NULL) AND (deleted_at IS NULL));

--
-- Name: leads_tenant_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_id_created_at_index ON public.leads USING btree (tenant_id, created_at);

--
-- Name: leads_tenant_id_lead_score_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_id_lead_score_index ON public.leads USING btree (tenant_id, lead_score);

--
-- Name: leads_tenant_id_owner_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_id_owner_id_index ON public.leads USING btree (tenant_id, owner_id);

--
-- Name: leads_tenant_id_phone_e164_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_id_phone_e164_index ON public.leads USING btree (tenant_id, phone_e164);

--
-- Name: leads_tenant_id_source_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_id_source_index ON public.leads USING btree (tenant_id, source);

--
-- Name: leads_tenant_id_status_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_id_status_index ON public.leads USING btree (tenant_id, status);

--
-- Name: leads_tenant_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_tenant_updated ON public.leads USING btree (tenant_id, updated_at);

--
-- Name: ledger_entries_tenant_id_entry_date_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_entries_tenant_id_entry_date_index ON public.ledger_entries USING btree (tenant_id, entry_date);

--
-- Name: milestones_lead_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_lead_kind ON public.milestones USING btree (record_id, kind) WHERE ((record_type = 'lead'::text) AND (deleted_at IS NULL));

--
-- Name: milestones_record_type_record_id_occurred_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_record_type_record_id_occurred_at_index ON public.milestones USING btree (record_type, record_id, occurred_at);

--
-- Name: milestones_tenant_id_kind_occurred_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_tenant_id_kind_occurred_at_index ON public.milestones USING btree (tenant_id, kind, occurred_at);

--
-- Name: notifications_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_pending ON public.notifications USING btree (tenant_id, created_at) WHERE (status = 'pending'::text);

--
-- Name: opportunities_account_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX opportunities_account_id_index ON public.opportunities USING btree (account_id);

--
-- Name: opportunities_board; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX opportunities_board ON public.opportunities USING btree (tenant_id, stage_id, value DESC NULLS LAST) WHERE (deleted_at IS NULL);

--
-- Name: opportunities_lead; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX opportunities_lead ON public.opportunities USING btree (lead_id) WHERE (lead_id IS NOT NULL);

--
-- Name: opportunities_tenant_id_owner_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX opportunities_tenant_id_owner_id_index ON public.opportunities USING btree (tenant_id, owner_id);

--
-- Name: opportunities_tenant_id_stage_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX opportunities_tenant_id_stage_id_index ON public.opportunities USING btree (tenant_id, stage_id);

--
-- Name: outbox_events_waiting; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_events_waiting ON public.outbox_events USING btree (id) WHERE (dispatched_at IS NULL);

--
-- Name: partners_tenant_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX partners_tenant_id_index ON public.partners USING btree (tenant_id);

--
-- Name: pipeline_stages_tenant_id_position_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pipeline_stages_tenant_id_position_index ON public.pipeline_stages USING btree (tenant_id, "position");

--
-- Name: report_engagement_months_grain; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_engagement_months_grain ON public.report_engagement_months USING btree (tenant_id, grain, month);

--
-- Name: report_lead_months_grain; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_lead_months_grain ON public.report_lead_months USING btree (tenant_id, grain, month);

--
-- Name: rescore_runs_tenant_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rescore_runs_tenant_id_created_at_index ON public.rescore_runs USING btree (tenant_id, created_at);

--
-- Name: score_history_engagement; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX score_history_engagement ON public.score_history USING btree (engagement_id) WHERE (engagement_id IS NOT NULL);

--
-- Name: score_history_lead_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX score_history_lead_id_created_at_index ON public.score_history USING btree (lead_id, created_at);

--
-- Name: scoring_rules_tenant_id_position_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX scoring_rules_tenant_id_position_index ON public.scoring_rules USING btree (tenant_id, "position");

--
-- Name: sequences_tenant_id_status_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sequences_tenant_id_status_index ON public.sequences USING btree (tenant_id, status);

--
-- Name: stage_history_opportunity_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX stage_history_opportunity_id_created_at_index ON public.stage_history USING btree (opportunity_id, created_at);

--
-- Name: tasks_reminders_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_reminders_due ON public.tasks USING btree (remind_at) WHERE ((remind_at IS NOT NULL) AND (reminded_at IS NULL) AND (done_at IS NULL) AND (deleted_at IS NULL));

--
-- Name: tasks_tenant_id_owner_id_done_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_tenant_id_owner_id_done_at_index ON public.tasks USING btree (tenant_id, owner_id, done_at);

--
-- Name: tasks_tenant_id_record_type_record_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_tenant_id_record_type_record_id_index ON public.tasks USING btree (tenant_id, record_type, record_id);

--
-- Name: teams_tenant_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX teams_tenant_id_index ON public.teams USING btree (tenant_id);

--
-- Name: unit_inventory_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unit_inventory_unit ON public.unit_inventory USING btree (tenant_id, lower(project), lower(unit_type)) WHERE (deleted_at IS NULL);

--
-- Name: user_sessions_user_id_expires_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_sessions_user_id_expires_at_index ON public.user_sessions USING btree (user_id, expires_at);

--
-- Name: users_email_unique; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX users_email_unique ON public.users USING btree (lower(email)) WHERE (deleted_at IS NULL);

--
-- Name: users_tenant_id_role_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX users_tenant_id_role_index ON public.users USING btree (tenant_id, role);

--
-- Name: webhook_deliveries_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_deliveries_due ON public.webhook_deliveries USING btree (next_attempt_at) WHERE (status = 'pending'::text);

--
-- Name: webhook_deliveries_tenant_id_created_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_deliveries_tenant_id_created_at_index ON public.webhook_deliveries USING btree (tenant_id, created_at);

--
-- Name: webhook_subscriptions_tenant_id_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_subscriptions_tenant_id_index ON public.webhook_subscriptions USING btree (tenant_id);

--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_append_only();

--
-- Name: audit_log audit_log_no_update_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_update_delete BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.audit_log_append_only();

--
-- Name: consents consents_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON public.consents FOR EACH STATEMENT EXECUTE FUNCTION public.consents_append_only();

--
-- Name: consents consents_no_update_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER consents_no_update_delete BEFORE DELETE OR UPDATE ON public.consents FOR EACH ROW EXECUTE FUNCTION public.consents_append_only();

--
-- Name: milestones milestones_sync_negotiation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER milestones_sync_negotiation AFTER INSERT OR DELETE OR UPDATE OF kind, record_type, record_id, occurred_at, deleted_at ON public.milestones FOR EACH ROW EXECUTE FUNCTION public.leads_sync_negotiation();

--
-- Name: tenants tenants_end_sessions; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tenants_end_sessions AFTER UPDATE ON public.tenants FOR EACH ROW WHEN (((old.is_active IS DISTINCT FROM new.is_active) OR (old.deleted_at IS DISTINCT FROM new.deleted_at))) EXECUTE FUNCTION public.end_tenant_sessions();

--
-- Name: users users_end_sessions; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_end_sessions AFTER UPDATE ON public.users FOR EACH ROW WHEN (((old.password_hash IS DISTINCT FROM new.password_hash) OR (old.is_active IS DISTINCT FROM new.is_active) OR (old.deleted_at IS DISTINCT FROM new.deleted_at) OR (old.role IS DISTINCT FROM new.role) OR (old.is_platform_admin IS DISTINCT FROM new.is_platform_admin) OR (old.tenant_id IS DISTINCT FROM new.tenant_id) OR (lower(old.email) IS DISTINCT FROM lower(new.email)))) EXECUTE FUNCTION public.end_user_sessions();

--
-- Name: accounts accounts_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: accounts accounts_owner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_owner_id_foreign FOREIGN KEY (owner_id) REFERENCES public.users(id);

--
-- Name: accounts accounts_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: activities activities_actor_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activities
    ADD CONSTRAINT activities_actor_user_id_foreign FOREIGN KEY (actor_user_id) REFERENCES public.users(id);

--
-- Name: activities activities_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.activities
    ADD CONSTRAINT activities_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: alerts alerts_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: api_keys api_keys_partner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_partner_id_foreign FOREIGN KEY (partner_id) REFERENCES public.partners(id);

--
-- Name: api_keys api_keys_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: assignment_rules assignment_rules_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignment_rules
    ADD CONSTRAINT assignment_rules_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: assignment_rules assignment_rules_target_team_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignment_rules
    ADD CONSTRAINT assignment_rules_target_team_id_foreign FOREIGN KEY (target_team_id) REFERENCES public.teams(id);

--
-- Name: assignment_rules assignment_rules_target_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignment_rules
    ADD CONSTRAINT assignment_rules_target_user_id_foreign FOREIGN KEY (target_user_id) REFERENCES public.users(id);

--
-- Name: assignment_rules assignment_rules_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assignment_rules
    ADD CONSTRAINT assignment_rules_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: attachments attachments_inbound_event_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES public.inbound_events(id);

--
-- Name: attachments attachments_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: attachments attachments_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: audit_log audit_log_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: bookings bookings_account_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_account_id_foreign FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: bookings bookings_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: bookings bookings_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: bookings bookings_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: bookings bookings_unit_inventory_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_unit_inventory_id_foreign FOREIGN KEY (unit_inventory_id) REFERENCES public.unit_inventory(id);

--
-- Name: campaigns campaigns_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: campaigns campaigns_lead_source_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_lead_source_id_foreign FOREIGN KEY (lead_source_id) REFERENCES public.lead_sources(id);

--
-- Name: campaigns campaigns_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: consents consents_form_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consents
    ADD CONSTRAINT consents_form_id_foreign FOREIGN KEY (form_id) REFERENCES public.forms(id);

--
-- Name: consents consents_inbound_event_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consents
    ADD CONSTRAINT consents_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES public.inbound_events(id);

--
-- Name: consents consents_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consents
    ADD CONSTRAINT consents_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: consents consents_partner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consents
    ADD CONSTRAINT consents_partner_id_foreign FOREIGN KEY (partner_id) REFERENCES public.partners(id);

--
-- Name: consents consents_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.consents
    ADD CONSTRAINT consents_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: contacts contacts_account_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_account_id_foreign FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: contacts contacts_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: contacts contacts_owner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_owner_id_foreign FOREIGN KEY (owner_id) REFERENCES public.users(id);

--
-- Name: contacts contacts_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: conversion_rules conversion_rules_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversion_rules
    ADD CONSTRAINT conversion_rules_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: conversion_rules conversion_rules_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversion_rules
    ADD CONSTRAINT conversion_rules_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: counters counters_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.counters
    ADD CONSTRAINT counters_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: custom_field_definitions custom_field_definitions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.custom_field_definitions
    ADD CONSTRAINT custom_field_definitions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: dedup_exclusions dedup_exclusions_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_exclusions
    ADD CONSTRAINT dedup_exclusions_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: dedup_exclusions dedup_exclusions_lead_a_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_exclusions
    ADD CONSTRAINT dedup_exclusions_lead_a_foreign FOREIGN KEY (lead_a) REFERENCES public.leads(id);

--
-- Name: dedup_exclusions dedup_exclusions_lead_b_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_exclusions
    ADD CONSTRAINT dedup_exclusions_lead_b_foreign FOREIGN KEY (lead_b) REFERENCES public.leads(id);

--
-- Name: dedup_exclusions dedup_exclusions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_exclusions
    ADD CONSTRAINT dedup_exclusions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: dedup_scans dedup_scans_import_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_scans
    ADD CONSTRAINT dedup_scans_import_id_foreign FOREIGN KEY (import_id) REFERENCES public.imports(id);

--
-- Name: dedup_scans dedup_scans_requested_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_scans
    ADD CONSTRAINT dedup_scans_requested_by_foreign FOREIGN KEY (requested_by) REFERENCES public.users(id);

--
-- Name: dedup_scans dedup_scans_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_scans
    ADD CONSTRAINT dedup_scans_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: duplicate_reviews duplicate_reviews_candidate_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicate_reviews
    ADD CONSTRAINT duplicate_reviews_candidate_lead_id_foreign FOREIGN KEY (candidate_lead_id) REFERENCES public.leads(id);

--
-- Name: duplicate_reviews duplicate_reviews_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicate_reviews
    ADD CONSTRAINT duplicate_reviews_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: duplicate_reviews duplicate_reviews_resolved_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicate_reviews
    ADD CONSTRAINT duplicate_reviews_resolved_by_foreign FOREIGN KEY (resolved_by) REFERENCES public.users(id);

--
-- Name: duplicate_reviews duplicate_reviews_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicate_reviews
    ADD CONSTRAINT duplicate_reviews_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: email_messages email_messages_enrollment_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_enrollment_id_foreign FOREIGN KEY (enrollment_id) REFERENCES public.enrollments(id);

--
-- Name: email_messages email_messages_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: email_messages email_messages_sequence_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_sequence_id_foreign FOREIGN KEY (sequence_id) REFERENCES public.sequences(id);

--
-- Name: email_messages email_messages_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.email_messages
    ADD CONSTRAINT email_messages_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: engagements engagements_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: engagements engagements_email_message_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_email_message_id_foreign FOREIGN KEY (email_message_id) REFERENCES public.email_messages(id);

--
-- Name: engagements engagements_inbound_event_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES public.inbound_events(id);

--
-- Name: engagements engagements_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: engagements engagements_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.engagements
    ADD CONSTRAINT engagements_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: enrollments enrollments_enrolled_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_enrolled_by_foreign FOREIGN KEY (enrolled_by) REFERENCES public.users(id);

--
-- Name: enrollments enrollments_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: enrollments enrollments_sequence_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_sequence_id_foreign FOREIGN KEY (sequence_id) REFERENCES public.sequences(id);

--
-- Name: enrollments enrollments_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enrollments
    ADD CONSTRAINT enrollments_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: forms forms_owner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forms
    ADD CONSTRAINT forms_owner_id_foreign FOREIGN KEY (owner_id) REFERENCES public.users(id);

--
-- Name: forms forms_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forms
    ADD CONSTRAINT forms_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: import_errors import_errors_import_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_errors
    ADD CONSTRAINT import_errors_import_id_foreign FOREIGN KEY (import_id) REFERENCES public.imports(id);

--
-- Name: import_templates import_templates_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_templates
    ADD CONSTRAINT import_templates_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: import_templates import_templates_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_templates
    ADD CONSTRAINT import_templates_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: imports imports_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imports
    ADD CONSTRAINT imports_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: imports imports_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imports
    ADD CONSTRAINT imports_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: inbound_events inbound_events_form_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_events
    ADD CONSTRAINT inbound_events_form_id_foreign FOREIGN KEY (form_id) REFERENCES public.forms(id);

--
-- Name: inbound_events inbound_events_partner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_events
    ADD CONSTRAINT inbound_events_partner_id_foreign FOREIGN KEY (partner_id) REFERENCES public.partners(id);

--
-- Name: inbound_events inbound_events_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_events
    ADD CONSTRAINT inbound_events_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: job_runs job_runs_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_runs
    ADD CONSTRAINT job_runs_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: lead_merges lead_merges_import_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_import_id_foreign FOREIGN KEY (import_id) REFERENCES public.imports(id);

--
-- Name: lead_merges lead_merges_inbound_event_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES public.inbound_events(id);

--
-- Name: lead_merges lead_merges_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: lead_merges lead_merges_merged_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_merged_by_foreign FOREIGN KEY (merged_by) REFERENCES public.users(id);

--
-- Name: lead_merges lead_merges_merged_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_merged_lead_id_foreign FOREIGN KEY (merged_lead_id) REFERENCES public.leads(id);

--
-- Name: lead_merges lead_merges_review_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_review_id_foreign FOREIGN KEY (review_id) REFERENCES public.duplicate_reviews(id);

--
-- Name: lead_merges lead_merges_split_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_split_lead_id_foreign FOREIGN KEY (split_lead_id) REFERENCES public.leads(id);

--
-- Name: lead_merges lead_merges_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: lead_merges lead_merges_undone_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_merges
    ADD CONSTRAINT lead_merges_undone_by_foreign FOREIGN KEY (undone_by) REFERENCES public.users(id);

--
-- Name: lead_sources lead_sources_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_sources
    ADD CONSTRAINT lead_sources_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: lead_submissions lead_submissions_inbound_event_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_submissions
    ADD CONSTRAINT lead_submissions_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES public.inbound_events(id);

--
-- Name: lead_submissions lead_submissions_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_submissions
    ADD CONSTRAINT lead_submissions_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: lead_submissions lead_submissions_merge_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_submissions
    ADD CONSTRAINT lead_submissions_merge_id_foreign FOREIGN KEY (merge_id) REFERENCES public.lead_merges(id);

--
-- Name: lead_submissions lead_submissions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_submissions
    ADD CONSTRAINT lead_submissions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: leads leads_assignment_rule_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_assignment_rule_id_foreign FOREIGN KEY (assignment_rule_id) REFERENCES public.assignment_rules(id);

--
-- Name: leads leads_duplicate_of_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_duplicate_of_id_foreign FOREIGN KEY (duplicate_of_id) REFERENCES public.leads(id);

--
-- Name: leads leads_form_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_form_id_foreign FOREIGN KEY (form_id) REFERENCES public.forms(id);

--
-- Name: leads leads_import_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_import_id_foreign FOREIGN KEY (import_id) REFERENCES public.imports(id);

--
-- Name: leads leads_owner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_owner_id_foreign FOREIGN KEY (owner_id) REFERENCES public.users(id);

--
-- Name: leads leads_partner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_partner_id_foreign FOREIGN KEY (partner_id) REFERENCES public.partners(id);

--
-- Name: leads leads_team_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_team_id_foreign FOREIGN KEY (team_id) REFERENCES public.teams(id);

--
-- Name: leads leads_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: ledger_entries ledger_entries_account_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_account_id_foreign FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: ledger_entries ledger_entries_booking_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_booking_id_foreign FOREIGN KEY (booking_id) REFERENCES public.bookings(id);

--
-- Name: ledger_entries ledger_entries_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: ledger_entries ledger_entries_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: milestones milestones_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: milestones milestones_follow_up_task_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_follow_up_task_id_foreign FOREIGN KEY (follow_up_task_id) REFERENCES public.tasks(id);

--
-- Name: milestones milestones_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones
    ADD CONSTRAINT milestones_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: notifications notifications_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: notifications notifications_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: notifications notifications_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id);

--
-- Name: opportunities opportunities_account_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_account_id_foreign FOREIGN KEY (account_id) REFERENCES public.accounts(id);

--
-- Name: opportunities opportunities_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: opportunities opportunities_owner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_owner_id_foreign FOREIGN KEY (owner_id) REFERENCES public.users(id);

--
-- Name: opportunities opportunities_primary_contact_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_primary_contact_id_foreign FOREIGN KEY (primary_contact_id) REFERENCES public.contacts(id);

--
-- Name: opportunities opportunities_stage_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_stage_id_foreign FOREIGN KEY (stage_id) REFERENCES public.pipeline_stages(id);

--
-- Name: opportunities opportunities_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.opportunities
    ADD CONSTRAINT opportunities_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: outbox_events outbox_events_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_events
    ADD CONSTRAINT outbox_events_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: partners partners_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: pipeline_stages pipeline_stages_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pipeline_stages
    ADD CONSTRAINT pipeline_stages_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: report_engagement_months report_engagement_months_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_engagement_months
    ADD CONSTRAINT report_engagement_months_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: report_lead_months report_lead_months_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_lead_months
    ADD CONSTRAINT report_lead_months_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: report_rollup_state report_rollup_state_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_rollup_state
    ADD CONSTRAINT report_rollup_state_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: rescore_runs rescore_runs_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rescore_runs
    ADD CONSTRAINT rescore_runs_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: rule_versions rule_versions_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rule_versions
    ADD CONSTRAINT rule_versions_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: rule_versions rule_versions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rule_versions
    ADD CONSTRAINT rule_versions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: score_history score_history_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.score_history
    ADD CONSTRAINT score_history_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: score_history score_history_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.score_history
    ADD CONSTRAINT score_history_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: scoring_rules scoring_rules_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scoring_rules
    ADD CONSTRAINT scoring_rules_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: scoring_rules scoring_rules_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scoring_rules
    ADD CONSTRAINT scoring_rules_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: sequence_steps sequence_steps_sequence_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequence_steps
    ADD CONSTRAINT sequence_steps_sequence_id_foreign FOREIGN KEY (sequence_id) REFERENCES public.sequences(id);

--
-- Name: sequence_steps sequence_steps_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequence_steps
    ADD CONSTRAINT sequence_steps_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: sequences sequences_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequences
    ADD CONSTRAINT sequences_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: sequences sequences_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sequences
    ADD CONSTRAINT sequences_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: stage_history stage_history_changed_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history
    ADD CONSTRAINT stage_history_changed_by_foreign FOREIGN KEY (changed_by) REFERENCES public.users(id);

--
-- Name: stage_history stage_history_from_stage_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history
    ADD CONSTRAINT stage_history_from_stage_id_foreign FOREIGN KEY (from_stage_id) REFERENCES public.pipeline_stages(id);

--
-- Name: stage_history stage_history_opportunity_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history
    ADD CONSTRAINT stage_history_opportunity_id_foreign FOREIGN KEY (opportunity_id) REFERENCES public.opportunities(id);

--
-- Name: stage_history stage_history_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history
    ADD CONSTRAINT stage_history_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: stage_history stage_history_to_stage_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stage_history
    ADD CONSTRAINT stage_history_to_stage_id_foreign FOREIGN KEY (to_stage_id) REFERENCES public.pipeline_stages(id);

--
-- Name: suppressions suppressions_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: suppressions suppressions_email_message_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_email_message_id_foreign FOREIGN KEY (email_message_id) REFERENCES public.email_messages(id);

--
-- Name: suppressions suppressions_lead_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_lead_id_foreign FOREIGN KEY (lead_id) REFERENCES public.leads(id);

--
-- Name: suppressions suppressions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: tasks tasks_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: tasks tasks_owner_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_owner_id_foreign FOREIGN KEY (owner_id) REFERENCES public.users(id);

--
-- Name: tasks tasks_stage_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_stage_id_foreign FOREIGN KEY (stage_id) REFERENCES public.pipeline_stages(id);

--
-- Name: tasks tasks_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: teams teams_manager_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_manager_fk FOREIGN KEY (manager_id) REFERENCES public.users(id);

--
-- Name: teams teams_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: unit_inventory unit_inventory_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unit_inventory
    ADD CONSTRAINT unit_inventory_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: user_sessions user_sessions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: user_sessions user_sessions_user_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_user_id_foreign FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

--
-- Name: users users_team_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_team_id_foreign FOREIGN KEY (team_id) REFERENCES public.teams(id);

--
-- Name: users users_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: webhook_deliveries webhook_deliveries_event_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_event_id_foreign FOREIGN KEY (event_id) REFERENCES public.outbox_events(id);

--
-- Name: webhook_deliveries webhook_deliveries_subscription_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_subscription_id_foreign FOREIGN KEY (subscription_id) REFERENCES public.webhook_subscriptions(id);

--
-- Name: webhook_deliveries webhook_deliveries_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: webhook_subscriptions webhook_subscriptions_created_by_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_created_by_foreign FOREIGN KEY (created_by) REFERENCES public.users(id);

--
-- Name: webhook_subscriptions webhook_subscriptions_tenant_id_foreign; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_tenant_id_foreign FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);

--
-- Name: accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: activities; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.activities ENABLE ROW LEVEL SECURITY;

--
-- Name: alerts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.alerts ENABLE ROW LEVEL SECURITY;

--
-- Name: api_keys; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.api_keys ENABLE ROW LEVEL SECURITY;

--
-- Name: assignment_rules; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.assignment_rules ENABLE ROW LEVEL SECURITY;

--
-- Name: attachments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.attachments ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ENABLE ROW LEVEL SECURITY;

--
-- Name: bookings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.bookings ENABLE ROW LEVEL SECURITY;

--
-- Name: campaigns; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaigns ENABLE ROW LEVEL SECURITY;

--
-- Name: consents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.consents ENABLE ROW LEVEL SECURITY;

--
-- Name: contacts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.contacts ENABLE ROW LEVEL SECURITY;

--
-- Name: conversion_rules; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.conversion_rules ENABLE ROW LEVEL SECURITY;

--
-- Name: counters; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.counters ENABLE ROW LEVEL SECURITY;

--
-- Name: custom_field_definitions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.custom_field_definitions ENABLE ROW LEVEL SECURITY;

--
-- Name: dedup_exclusions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.dedup_exclusions ENABLE ROW LEVEL SECURITY;

--
-- Name: dedup_scans; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.dedup_scans ENABLE ROW LEVEL SECURITY;

--
-- Name: duplicate_reviews; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.duplicate_reviews ENABLE ROW LEVEL SECURITY;

--
-- Name: email_messages; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.email_messages ENABLE ROW LEVEL SECURITY;

--
-- Name: engagements; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.engagements ENABLE ROW LEVEL SECURITY;

--
-- Name: enrollments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.enrollments ENABLE ROW LEVEL SECURITY;

--
-- Name: forms; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.forms ENABLE ROW LEVEL SECURITY;

--
-- Name: import_templates; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_templates ENABLE ROW LEVEL SECURITY;

--
-- Name: imports; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.imports ENABLE ROW LEVEL SECURITY;

--
-- Name: inbound_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.inbound_events ENABLE ROW LEVEL SECURITY;

--
-- Name: job_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.job_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_merges; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_merges ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_sources; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_sources ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_submissions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_submissions ENABLE ROW LEVEL SECURITY;

--
-- Name: leads; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.leads ENABLE ROW LEVEL SECURITY;

--
-- Name: ledger_entries; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ledger_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: milestones; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.milestones ENABLE ROW LEVEL SECURITY;

--
-- Name: notifications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

--
-- Name: opportunities; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.opportunities ENABLE ROW LEVEL SECURITY;

--
-- Name: outbox_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.outbox_events ENABLE ROW LEVEL SECURITY;

--
-- Name: partners; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.partners ENABLE ROW LEVEL SECURITY;

--
-- Name: pipeline_stages; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.pipeline_stages ENABLE ROW LEVEL SECURITY;

--
-- Name: report_engagement_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.report_engagement_months ENABLE ROW LEVEL SECURITY;

--
-- Name: report_lead_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.report_lead_months ENABLE ROW LEVEL SECURITY;

--
-- Name: report_rollup_state; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.report_rollup_state ENABLE ROW LEVEL SECURITY;

--
-- Name: rescore_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rescore_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: rule_versions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rule_versions ENABLE ROW LEVEL SECURITY;

--
-- Name: score_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.score_history ENABLE ROW LEVEL SECURITY;

--
-- Name: scoring_rules; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.scoring_rules ENABLE ROW LEVEL SECURITY;

--
-- Name: sequence_steps; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sequence_steps ENABLE ROW LEVEL SECURITY;

--
-- Name: sequences; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sequences ENABLE ROW LEVEL SECURITY;

--
-- Name: stage_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stage_history ENABLE ROW LEVEL SECURITY;

--
-- Name: suppressions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.suppressions ENABLE ROW LEVEL SECURITY;

--
-- Name: tasks; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tasks ENABLE ROW LEVEL SECURITY;

--
-- Name: teams; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.teams ENABLE ROW LEVEL SECURITY;

--
-- Name: accounts tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.accounts USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: activities tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.activities USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: alerts tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.alerts USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: api_keys tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.api_keys USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: assignment_rules tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.assignment_rules USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: attachments tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.attachments USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: audit_log tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.audit_log USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: bookings tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.bookings USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: campaigns tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.campaigns USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: consents tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.consents USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: contacts tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.contacts USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: conversion_rules tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.conversion_rules USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: counters tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.counters USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: custom_field_definitions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.custom_field_definitions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: dedup_exclusions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.dedup_exclusions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: dedup_scans tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.dedup_scans USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: duplicate_reviews tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.duplicate_reviews USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: email_messages tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.email_messages USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: engagements tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.engagements USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: enrollments tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.enrollments USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: forms tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.forms USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: import_templates tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.import_templates USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: imports tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.imports USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: inbound_events tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.inbound_events USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: job_runs tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.job_runs USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: lead_merges tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.lead_merges USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: lead_sources tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.lead_sources USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: lead_submissions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.lead_submissions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: leads tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.leads USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: ledger_entries tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.ledger_entries USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: milestones tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.milestones USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: notifications tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.notifications USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: opportunities tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.opportunities USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: outbox_events tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.outbox_events USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: partners tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.partners USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: pipeline_stages tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.pipeline_stages USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: report_engagement_months tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.report_engagement_months USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: report_lead_months tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.report_lead_months USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: report_rollup_state tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.report_rollup_state USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: rescore_runs tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.rescore_runs USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: rule_versions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.rule_versions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: score_history tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.score_history USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: scoring_rules tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.scoring_rules USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: sequence_steps tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.sequence_steps USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: sequences tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.sequences USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: stage_history tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.stage_history USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: suppressions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.suppressions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: tasks tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.tasks USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: teams tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.teams USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: tenants tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.tenants USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: unit_inventory tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.unit_inventory USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: user_sessions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.user_sessions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: users tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.users USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: webhook_deliveries tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.webhook_deliveries USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: webhook_subscriptions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.webhook_subscriptions USING ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[])))) WITH CHECK ((( SELECT (current_setting('leadhub.tenants'::text, true) = '*'::text)) OR (tenant_id = ANY (( SELECT (COALESCE(NULLIF(NULLIF(current_setting('leadhub.tenants'::text, true), '*'::text), ''::text), '{}'::text))::uuid[] AS "coalesce")::uuid[]))));

--
-- Name: tenants; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;

--
-- Name: unit_inventory; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.unit_inventory ENABLE ROW LEVEL SECURITY;

--
-- Name: user_sessions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.user_sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_deliveries; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_deliveries ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_subscriptions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_subscriptions ENABLE ROW LEVEL SECURITY;

--
-- PostgreSQL database dump complete
--
