"""CLI subcommands. Each module exposes ``register(subparsers)``, which adds its subparser with
``set_defaults(func=run)``, and ``run(args) -> int`` (an ``ExitCode``)."""
