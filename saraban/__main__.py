from saraban.cli import main

main()
