mem = 
