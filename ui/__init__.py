"""The Gradio app's tabs and messages."""
