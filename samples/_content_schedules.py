"""Long, neutral schedules appended to the English agreement to make en-long-30pages.pdf.

Nothing here touches any of the four undertakings: service descriptions, measurement rules, a rate
card, an implementation plan, governance, contacts and an inventory. Generated from fixed lists
(no randomness), so the output is the same on every run.
"""

from __future__ import annotations

COMPONENTS = [
    ("Compute", "dedicated virtual machines on hosts reserved for Customer",
     "vCPU, memory and local scratch disk are allocated in fixed flavours listed in Schedule 3",
     "host firmware and hypervisor versions follow the baseline agreed at the quarterly review"),
    ("Block Storage", "replicated block volumes attached to the virtual machines",
     "volumes are offered in standard, performance and archive tiers with published IOPS ceilings",
     "volume snapshots are taken according to the backup policy for the environment"),
    ("Object Storage", "an S3-compatible object store for documents, images and exports",
     "buckets are created on request through the service portal and carry lifecycle rules set by Customer",
     "erasure coding spreads each object across at least three failure domains"),
    ("Database Administration", "administration of the relational databases used by the hosted platforms",
     "the supported engines are PostgreSQL 14 and 15 and the domestic distributed database listed in the tender",
     "index maintenance, statistics refresh and vacuum jobs run in the agreed maintenance window"),
    ("Middleware", "operation of application servers, message queues and caches",
     "versions are kept within the vendor's supported range and upgrades are planned through change management",
     "queue depth and consumer lag thresholds are agreed per application"),
    ("Network", "virtual networks, routing and segmentation between environments",
     "production, test and management networks are separated by stateful firewalls",
     "the two data centres are linked by diverse dark-fibre routes with automatic failover"),
    ("Load Balancing", "layer-4 and layer-7 load balancers in front of the web tiers",
     "health checks, session persistence and TLS termination are configured per listener",
     "certificates on the load balancers are renewed at least thirty days before expiry"),
    ("Name Resolution", "authoritative and recursive DNS for the hosted domains",
     "zone changes are raised as standard changes and applied within one Business Day",
     "resolvers are deployed in each data centre in an active-active pair"),
    ("Backup", "backup of virtual machines, databases and object storage",
     "incremental backups run daily and full backups weekly, and copies are kept in the second data centre",
     "restoration tests are scheduled each quarter and the results are recorded in the service report"),
    ("Disaster Recovery", "recovery of production environments in the secondary data centre",
     "the recovery time objective is four hours and the recovery point objective is fifteen minutes",
     "a full failover exercise is held once a year on a date agreed with Customer"),
    ("Capacity Management", "forecasting and planning of compute, storage and network capacity",
     "utilisation above seventy per cent for two consecutive weeks triggers a capacity review",
     "the capacity plan is refreshed every quarter and covers the following eighteen months"),
    ("Change Management", "the process for planning, approving and recording changes",
     "changes are classified as standard, normal or emergency and follow the approval route for their class",
     "the change advisory board meets weekly and its minutes are shared with Customer"),
    ("Incident Management", "the process for restoring service after an unplanned event",
     "incidents are prioritised by impact and urgency using the matrix in Schedule 2",
     "major incidents are reviewed within five Business Days and the review is shared with Customer"),
    ("Problem Management", "the process for finding and removing the root causes of incidents",
     "known errors are recorded with their workarounds in the shared knowledge base",
     "problem records are reviewed at the monthly service review meeting"),
    ("Service Portal", "the web portal through which Customer raises requests and views reports",
     "the portal supports single sign-on with Customer's directory and two-factor authentication",
     "portal accounts are created and removed on Customer's request within one Business Day"),
    ("Reporting", "monthly and quarterly reports on the Services",
     "reports cover availability, incidents, changes, capacity and open risks",
     "the report template may be changed by agreement at the service review meeting"),
    ("Time Synchronisation", "stratum-2 time sources for all hosted servers",
     "time sources are referenced to the national time service and checked hourly",
     "drift beyond fifty milliseconds raises an alert to the operations team"),
    ("Certificate Management", "issue and renewal of TLS certificates for hosted services",
     "certificates use algorithms approved under national commercial cryptography standards where required",
     "an inventory of certificates and their expiry dates is kept in the service portal"),
]

REGIONS = ["DC-East (primary)", "DC-North (secondary)"]
FLAVOURS = [("s", 2, 4), ("m", 4, 16), ("l", 8, 32), ("xl", 16, 64), ("2xl", 32, 128), ("4xl", 64, 256)]
FAMILIES = [("gp", "general purpose", 1.00), ("mo", "memory optimised", 1.35), ("co", "compute optimised", 1.15)]
STORAGE = [("std", "Standard block storage", 0.45), ("perf", "Performance block storage", 0.95),
           ("arch", "Archive block storage", 0.12), ("obj", "Object storage", 0.16),
           ("bak", "Backup capacity", 0.20)]

PHASES = ["Mobilisation", "Design", "Build", "Migration wave 1 (billing)",
          "Migration wave 2 (asset management)", "Migration wave 3 (telemetry historian)", "Stabilisation"]
TASKS = ["Confirm scope and success criteria", "Nominate workstream leads", "Agree detailed design",
         "Prepare environment build scripts", "Build test environment", "Load test data set",
         "Run functional tests", "Run performance tests", "Run failover test", "Freeze changes",
         "Execute cut-over rehearsal", "Execute cut-over", "Hypercare monitoring", "Close acceptance test"]


def schedules(b):
    b.page_break()
    b.heading("Schedule 1 - Service Description", numbered=False)
    b.para("This Schedule describes the components of the Services in more detail. It does not change the "
           "allocation of rights and obligations in the body of the Agreement.")
    for i, (name, what, detail, ops) in enumerate(COMPONENTS, 1):
        b.heading(f"S1.{i} {name}", numbered=False, level=2)
        b.para(f"Scope. The {name} component consists of {what}. It is delivered from both data centres "
               f"and is covered by the Service Levels for the environment in which it is used.")
        b.para(f"Specification. In this component {detail}. Requests for additional capacity are raised "
               f"through the service portal and fulfilled within the lead times in Schedule 2.")
        b.para(f"Operation. For this component {ops}. Operating procedures are kept in the run book, which "
               f"Provider updates after every significant change and reviews at least twice a year.")
        b.para(f"Dependencies. The {name} component depends on the network, time synchronisation and "
               f"identity services described elsewhere in this Schedule. Customer provides the application "
               f"owners' contact details and approves changes that affect its applications.")

    b.page_break()
    b.heading("Schedule 2 - Service Level Measurement", numbered=False)
    b.para("Monthly Availability is calculated per Production Environment as the total minutes in the month, "
           "less excluded minutes, less minutes of unavailability, divided by the total minutes less excluded "
           "minutes, expressed as a percentage rounded to two decimal places.")
    b.para("An environment is unavailable when its synthetic transaction probe fails from both probe locations "
           "for three consecutive one-minute intervals; the unavailability starts at the first failed interval.")
    rows = [("Metric", "Target", "Measurement", "Reported")]
    metrics = [
        ("Monthly Availability (production)", "99.9%", "Synthetic probes every minute", "Monthly"),
        ("Monthly Availability (non-production)", "99.0%", "Synthetic probes every five minutes", "Monthly"),
        ("P1 response", "15 minutes", "Ticket timestamp to first engineer action", "Monthly"),
        ("P2 response", "1 hour", "Ticket timestamp to first engineer action", "Monthly"),
        ("P3 response", "4 business hours", "Ticket timestamp to first engineer action", "Monthly"),
        ("P1 restoration", "4 hours", "Ticket timestamp to service restored", "Monthly"),
        ("P2 restoration", "8 hours", "Ticket timestamp to service restored", "Monthly"),
        ("Standard request fulfilment", "1 Business Day", "Portal request to completion", "Monthly"),
        ("Backup success rate", "99.5%", "Completed jobs / scheduled jobs", "Monthly"),
        ("Restoration test success", "100%", "Quarterly test result", "Quarterly"),
        ("Security patch (critical)", "10 days", "Approval to deployment", "Monthly"),
        ("Security patch (high)", "30 days", "Approval to deployment", "Monthly"),
        ("Capacity headroom", ">= 30%", "Peak utilisation over month", "Monthly"),
        ("Service report delivery", "5 Business Days", "Month end to delivery", "Monthly"),
        ("Major incident review", "5 Business Days", "Restoration to review issued", "Per incident"),
        ("Change success rate", "98%", "Successful changes / all changes", "Monthly"),
        ("Disaster recovery RTO", "4 hours", "Annual exercise", "Annually"),
        ("Disaster recovery RPO", "15 minutes", "Annual exercise", "Annually"),
    ]
    rows.extend(metrics)
    b.table(rows, widths_cm=[5.0, 2.6, 5.6, 2.6], size=9)
    b.para("Priority matrix. Priority is set from impact (extensive, significant, moderate, minor) and urgency "
           "(critical, high, medium, low). An incident with extensive impact and critical urgency is Priority 1; "
           "the remaining combinations are mapped in the operations manual.")

    b.page_break()
    b.heading("Schedule 3 - Rate Card", numbered=False)
    b.para("Rates are monthly, in RMB, exclusive of VAT, and are fixed for the Initial Term. They are used to "
           "price additional resources that Customer orders beyond the baseline included in the Annual Fees.")
    rows = [("Ref", "Item", "Unit", "Monthly rate (RMB)", "Location")]
    n = 0
    for region in REGIONS:
        for code, fam, mult in FAMILIES:
            for size, vcpu, ram in FLAVOURS:
                for os_name, os_add in (("Linux", 0), ("Linux with HA", 180), ("Windows Server", 260)):
                    n += 1
                    price = round((vcpu * 95 + ram * 22) * mult + os_add)
                    rows.append((f"RC-{n:03d}", f"{code}.{size} {fam} VM, {vcpu} vCPU / {ram} GB, {os_name}",
                                 "per VM", f"{price:,}", region))
        for _code, name, per_gb in STORAGE:
            for tb in (1, 5, 10, 50):
                n += 1
                rows.append((f"RC-{n:03d}", f"{name}, {tb} TB block", "per block",
                             f"{round(per_gb * 1024 * tb):,}", region))
    b.table(rows, widths_cm=[1.8, 7.4, 1.8, 2.6, 3.2], size=8)

    b.page_break()
    b.heading("Schedule 4 - Implementation Plan", numbered=False)
    b.para("The plan below is the baseline agreed at contract signature. Dates are expressed as weeks from the "
           "Effective Date. Changes to the baseline are agreed at the weekly project meeting.")
    rows = [("ID", "Phase", "Task", "Owner", "Start (week)", "Duration (weeks)")]
    week, k = 1, 0
    for p, phase in enumerate(PHASES, 1):
        for t, task in enumerate(TASKS, 1):
            if p <= 3 and t > 6:
                continue
            k += 1
            owner = "Provider" if t % 3 else "Joint"
            dur = 1 + (t % 3)
            rows.append((f"IP-{k:03d}", phase, task, owner, str(week), str(dur)))
            week += 1 if t % 2 else 0
    b.table(rows, widths_cm=[1.6, 4.2, 5.2, 1.8, 1.8, 2.0], size=8.5)

    b.page_break()
    b.heading("Schedule 5 - Governance", numbered=False)
    forums = [
        ("Steering committee", "Quarterly", "Customer CIO; Provider Managing Director",
         "Strategy, performance trends, major risks, contract changes"),
        ("Service review meeting", "Monthly", "Service managers of both parties",
         "Service report, incidents, changes, invoices, improvement actions"),
        ("Change advisory board", "Weekly", "Change managers, technical leads",
         "Approval and scheduling of normal changes"),
        ("Project meeting", "Weekly during implementation", "Project managers, workstream leads",
         "Progress against Schedule 4, issues, risks, dependencies"),
        ("Security working group", "Monthly", "Security officers of both parties",
         "Vulnerability status, audit findings, security incidents, training"),
        ("Capacity review", "Quarterly", "Capacity manager, Customer architects",
         "Forecast, headroom, planned growth"),
    ]
    b.table([("Forum", "Frequency", "Members", "Agenda")] + forums, widths_cm=[3.6, 2.8, 4.6, 5.0], size=9)
    for forum, freq, members, agenda in forums:
        b.para(f"{forum}. The {forum.lower()} meets {freq.lower()}. Its members are the {members}. It considers "
               f"{agenda.lower()}. The chair circulates an agenda three Business Days before each meeting and "
               f"minutes within three Business Days after it; minutes are approved at the next meeting.")

    b.heading("Schedule 6 - Contacts and Escalation", numbered=False)
    rows = [("Level", "Customer", "Provider", "Escalate after")]
    levels = [("1", "Service desk lead", "Duty operations engineer", "30 minutes"),
              ("2", "IT operations manager", "Service manager", "2 hours"),
              ("3", "Head of infrastructure", "Head of service delivery", "8 hours"),
              ("4", "Chief Information Officer", "Managing Director", "24 hours")]
    b.table(rows + levels, widths_cm=[1.4, 5.0, 5.0, 3.0], size=9)

    b.heading("Schedule 7 - Hosted Platform Inventory", numbered=False)
    b.para("The inventory lists the servers in scope at the Effective Date. Provider keeps the live inventory in "
           "the configuration management database and reconciles it with this Schedule every quarter.")
    rows = [("Host", "Platform", "Role", "Environment", "vCPU", "RAM (GB)", "Storage (GB)")]
    platforms = [("BIL", "Billing"), ("AST", "Asset management"), ("HIS", "Telemetry historian"),
                 ("POR", "Customer portal")]
    roles = [("web", 4, 16, 200), ("app", 8, 32, 300), ("db", 16, 128, 2000), ("batch", 8, 32, 500),
             ("mq", 4, 16, 200)]
    envs = [("P", "Production"), ("D", "Disaster recovery"), ("T", "Test"), ("S", "Staging")]
    for pc, pname in platforms:
        for ec, ename in envs:
            for rc, cpu, ram, disk in roles:
                for idx in (1, 2) if ec == "P" else (1,):
                    scale = 1 if ec in "PD" else 0.5
                    rows.append((f"emw-{pc.lower()}-{rc}{idx:02d}-{ec.lower()}", pname, rc, ename,
                                 str(max(2, int(cpu * scale))), str(max(4, int(ram * scale))),
                                 str(int(disk * scale))))
    b.table(rows, widths_cm=[4.0, 3.0, 1.4, 3.0, 1.2, 1.6, 1.8], size=8)
