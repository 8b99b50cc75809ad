#!/usr/bin/env bash
# Prints docs/brain-validation.md: every validation target of the brain model.
# Usage: scripts/brain-validation.sh PATH/TO/ketaclinic > docs/brain-validation.md
set -euo pipefail
exec "$1" brain validate
