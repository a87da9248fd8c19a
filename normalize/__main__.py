import sys

from normalize.cli import main

sys.exit(main())
