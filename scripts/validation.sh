#!/usr/bin/env bash
# Prints docs/validation.md: every model against published measured values.
# Usage: scripts/validation.sh PATH/TO/ketaclinic > docs/validation.md
set -euo pipefail
exec "$1" validate
