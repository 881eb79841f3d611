"""Small typed modal dialogs."""
